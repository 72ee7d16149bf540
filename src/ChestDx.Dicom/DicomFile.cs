using ChestDx.Dicom.Attributes;
using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom;

/// <summary>
/// A parsed DICOM file: its file meta group, its data set, the transfer syntax the data set was read with, and the
/// warnings the lenient reader recorded. Pixels are decoded on demand through <see cref="GetPixelData"/>.
/// </summary>
public sealed class DicomFile
{
    private readonly DicomReaderOptions _options;

    internal DicomFile(string? path, bool hasPreamble, DicomDataset fileMeta, DicomDataset dataset,
        TransferSyntax syntax, IReadOnlyList<DicomWarning> warnings, DicomReaderOptions options)
    {
        Path = path;
        HasPreamble = hasPreamble;
        FileMeta = fileMeta;
        Dataset = dataset;
        TransferSyntax = syntax;
        Warnings = warnings;
        _options = options;
    }

    /// <summary>The file's path, or the source name given to <see cref="DicomReader.Read"/>.</summary>
    public string? Path { get; }

    /// <summary>The file had the PS3.10 §7.1 preamble and "DICM" prefix.</summary>
    public bool HasPreamble { get; }

    /// <summary>Group 0002 (empty when the file has none).</summary>
    public DicomDataset FileMeta { get; }

    public DicomDataset Dataset { get; }

    /// <summary>
    /// The syntax the data set was read with: declared, or inferred when missing or contradicted (see
    /// <see cref="Warnings"/>).
    /// </summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>What lenient reading tolerated, in file order.</summary>
    public IReadOnlyList<DicomWarning> Warnings { get; }

    /// <summary>The read stopped before Pixel Data (a header scan).</summary>
    public bool PixelDataSkipped => _options.StopBeforePixels;

    public bool HasPixelData => Dataset.Contains(DicomTags.PixelData);

    /// <summary>The typed attributes ChestDx uses (no identifiers: see <see cref="GetIdentifiers"/>).</summary>
    public DicomImageAttributes GetAttributes() => DicomImageAttributes.FromFile(this);

    /// <summary>
    /// The patient and study identifiers, kept apart so that they reach only code that pseudonymises them.
    /// </summary>
    public DicomIdentifiers GetIdentifiers() => DicomIdentifiers.FromDataset(Dataset);

    /// <summary>
    /// The pixel data, with <paramref name="decoders"/> (default: <see cref="FrameDecoders.Default"/>) for
    /// encapsulated syntaxes.
    /// </summary>
    public DicomPixelData GetPixelData(FrameDecoders? decoders = null)
    {
        if (PixelDataSkipped)
            throw new InvalidOperationException(
                "the file was read with StopBeforePixels; read it with DicomReader.ReadFile to decode pixels");
        if (!Dataset.TryGet(DicomTags.PixelData, out DicomElement element))
        {
            string problem = Dataset.Contains(DicomTags.FloatPixelData)
                || Dataset.Contains(DicomTags.DoubleFloatPixelData)
                ? "the file has Float/Double Float Pixel Data (7FE0,0008/0009), which is not a radiograph"
                    + " and is not supported"
                : "the file has no Pixel Data (7FE0,0010)";
            throw DicomThrowHelper.Create(Path, problem, DicomTags.PixelData);
        }
        PixelLayout layout = PixelLayout.FromDataset(Dataset, _options, Path);
        return new DicomPixelData(this, layout, element, decoders ?? FrameDecoders.Default);
    }
}
