using System.Globalization;
using ChestDx.Core.Labels;
using ChestDx.Dicom;
using ChestDx.Dicom.Attributes;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Pixels;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging.Readers;

/// <summary>
/// DICOM files (with or without the Part 10 preamble, with or without `.dcm`) through ChestDx.Dicom's grey
/// pipeline: modality transform, the file's VOI (first valid window, else first VOI LUT), else — when the file has
/// none — the 0.5–99.5 percentile window of the frame (padding excluded), so collimator edges and burned-in text do
/// not set the contrast as a min/max window would; MONOCHROME1 inverted,
/// rendered to 16 bits so resampling loses nothing; the first frame of multi-frame files.
/// Identifiers leave here only in <see cref="HeaderIdentity"/>, which the pipeline pseudonymises; names, birth dates,
/// accession numbers and institutions are never read. Header text that reaches the manifest (view, manufacturer,
/// photometric interpretation) goes through <see cref="HeaderVocabulary"/>'s closed vocabularies,
/// and LUT Explanation text is kept out of the notes, so no free text from the header is written.
/// </summary>
public sealed class DicomFileReader : IImageFileReader
{
    public static DicomFileReader Instance { get; } = new();

    private static readonly GreyscaleRenderOptions Render =
        new() { OutputBits = 16, Voi = VoiChoice.FileElse(VoiChoice.Percentile(0.5, 99.5)) };

    public string Format => "dicom";

    /// <summary>"DICM" at byte 128 (PS3.10 §7.1), or a `.dcm`/`.dicom` name,
    /// or no extension at all (common in PACS exports).</summary>
    public bool CanRead(ReadOnlySpan<byte> head, string relativePath)
    {
        if (head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8)) return true;
        string ext = Path.GetExtension(relativePath);
        return ext.Length == 0 || ext.Equals(".dcm", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".dicom", StringComparison.OrdinalIgnoreCase);
    }

    public DecodedSource Read(ReadOnlyMemory<byte> contents, string displayPath)
    {
        DicomFile file = DicomReader.Read(contents, sourceName: displayPath);
        if (!file.HasPixelData)
            throw new DicomException($"{displayPath}: no Pixel Data (7FE0,0010): not an image")
            {
                FilePath = displayPath,
            };
        DicomImageAttributes attributes = file.GetAttributes();
        DicomPixelData pixelData = file.GetPixelData();
        GreyscaleRenderer.RequireGreyscale(pixelData.Layout, file.Path);
        FrameRowReader frame = pixelData.OpenRows(0);

        var notes = new List<string>();
        notes.AddRange(file.Warnings.Select(w => $"read leniently: {w.Message}"));
        DicomDataset ds = file.Dataset;
        Demographics.TrySex(ds.GetString(DicomTags.PatientSex), out string? sex);
        Demographics.TryAge(ds.GetString(DicomTags.PatientAge), out int? age, out string? ageNote);
        if (ageNote is not null) notes.Add(ageNote);
        DicomIdentifiers ids = file.GetIdentifiers();
        string? view = HeaderVocabulary.View(attributes.View, out string? viewNote);
        string? manufacturer = HeaderVocabulary.Manufacturer(attributes.Manufacturer, out string? manufacturerNote);
        string colour = HeaderVocabulary.Colour(attributes.PhotometricInterpretation, out string? colourNote);
        foreach (string? note in new[] { viewNote, manufacturerNote, colourNote })
            if (note is not null) notes.Add(note);
        var identity = new HeaderIdentity(ids.SopInstanceUid, ids.PatientId, view, sex, age);

        string? spacing = (attributes.PixelSpacing ?? attributes.ImagerPixelSpacing) is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{s.Row}\\{s.Column}")
            : null;
        var info = new SourceImageInfo(Format, frame.Layout.Columns, frame.Layout.Rows, attributes.BitsStored ?? 0,
            colour, manufacturer, spacing);
        return new DecodedSource(new DicomRows(file, frame, attributes, notes), info, identity, notes);
    }

    /// <summary>
    /// The first frame, rendered by rows when the pixels are written
    /// (<see cref="GreyscaleRenderer.RenderRows(DicomFile, GreyscaleRenderOptions, FrameRowReader, GreyRowHandler)"/>);
    /// the rendering's notes go first in the notes list, as they always have.
    /// </summary>
    private sealed class DicomRows(DicomFile file, FrameRowReader frame, DicomImageAttributes attributes,
        List<string> notes) : GreyRows
    {
        public override int Width => frame.Layout.Columns;
        public override int Height => frame.Layout.Rows;
        public override long WorkingBytes => frame.WorkingBytes + 2L * Width + 4L * Width;
        public override string Decoding => frame.Decoding;

        public override void WriteTo(IGreyRowSink sink)
        {
            sink.Begin(Width, Height, ushort.MaxValue, eightBit: false);
            Dicom.Imaging.GreyImage rendered = GreyscaleRenderer.RenderRows(file, Render, frame, row => sink.Row(row));
            var first = new List<string> { $"VOI {WithoutExplanations(rendered.Voi, file.Dataset)}" };
            if (rendered.InvertedMonochrome1) first.Add("MONOCHROME1 inverted");
            if (attributes.NumberOfFrames > 1) first.Add($"first of {attributes.NumberOfFrames} frames");
            if (attributes.LossyImageCompression) first.Add("lossy compressed source");
            first.AddRange(rendered.Notes);
            notes.InsertRange(0, first);
        }
    }

    /// <summary>The Patient ID and SOP Instance UID alone, for `--id-map` (the file is parsed,
    /// its pixels are not decoded).</summary>
    public static HeaderIdentity ReadIdentity(ReadOnlySpan<byte> contents, string displayPath)
    {
        DicomIdentifiers ids = DicomReader.Read(contents.ToArray(), sourceName: displayPath).GetIdentifiers();
        return new HeaderIdentity(ids.SopInstanceUid, ids.PatientId, null, null, null);
    }

    /// <summary>The VOI description without LUT Explanation (0028,3003) text,
    /// which is free text typed at the modality.</summary>
    private static string WithoutExplanations(string voi, DicomDataset ds)
    {
        foreach (DicomTag sequence in new[] { DicomTags.VoiLutSequence, DicomTags.ModalityLutSequence })
            foreach (DicomDataset item in ds.GetSequence(sequence))
                if (item.GetString(DicomTags.LutExplanation) is { Length: > 0 } explanation)
                    voi = voi.Replace(", " + explanation, "", StringComparison.Ordinal)
                        .Replace(explanation, "", StringComparison.Ordinal);
        return voi;
    }
}
