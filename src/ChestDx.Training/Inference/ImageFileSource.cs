using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Ingest.Normalisation;
using ChestDx.Ingest.Sources;

namespace ChestDx.Training.Inference;

/// <summary>
/// PNG and DICOM files for prediction, normalised exactly as ingestion normalises pack images (ChestDx.Ingest's file
/// readers and <see cref="Normaliser"/>: same decoding, grey conversion, VOI, aspect handling and resampling), so a
/// model sees at prediction what it saw in its pack. Image ids are the file names; nothing from a DICOM header (patient
/// or study identifiers) reaches the output.
/// </summary>
public sealed class ImageFileSource(IReadOnlyList<string> files, int size, AspectMode aspect) : IImageSource
{
    private static readonly IImageFileReader[] Readers = [PngFileReader.Instance, DicomFileReader.Instance];

    public int Count => files.Count;
    public string Description => $"{files.Count} image file(s)";

    public IEnumerable<SourceImage> Read(CancellationToken cancel)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            cancel.ThrowIfCancellationRequested();
            string id = Path.GetFileName(file);
            if (!ids.Add(id)) throw ChestDxException.ForFile(file, $"a second file named '{id}': image ids must be unique");
            yield return new SourceImage(id, Load(file, size, aspect), size);
        }
    }

    /// <summary>The S×S grey bytes ingestion would store for <paramref name="file"/>.</summary>
    public static byte[] Load(string file, int size, AspectMode aspect)
    {
        if (!File.Exists(file)) throw ChestDxException.ForFile(file, "image file not found");
        byte[] contents = File.ReadAllBytes(file);
        if (contents.Length == 0) throw ChestDxException.ForFile(file, "empty file");
        IImageFileReader? reader = null;
        foreach (IImageFileReader r in Readers)
            if (r.CanRead(contents.AsSpan(0, Math.Min(contents.Length, 1024)), file))
            {
                reader = r;
                break;
            }
        if (reader is null) throw ChestDxException.ForFile(file, "not a supported image: no PNG or DICOM signature");
        using DecodedSource decoded = reader.Read(contents, file);
        var pixels = new byte[size * size];
        var reducer = new GreyReducer(size, aspect, pixels);
        decoded.Pixels.WriteTo(reducer);
        reducer.Finish();
        return pixels;
    }
}
