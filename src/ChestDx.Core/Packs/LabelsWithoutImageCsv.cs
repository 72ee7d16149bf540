using CsvHelper;

namespace ChestDx.Core.Packs;

/// <summary>
/// A labels row that no source file matched. It is not an input (nothing was there to decode), so it is listed apart
/// from rejected.csv: a user who ingested part of a dataset sees which labelled images were absent, and rejected.csv
/// stays a list of inputs that failed.
/// </summary>
/// <param name="Line">The row's line in the labels file (pack.json `settings.labels.file`).</param>
/// <param name="ImageId">The labels id, under a site key its `labels-image-id` pseudonym.</param>
public sealed record LabelsRowWithoutImage(int Line, string ImageId);

/// <summary>
/// Reads and writes labels-without-image.csv (<see cref="PackFormat.LabelsWithoutImageFile"/>; columns
/// <see cref="Columns"/>), described in data-manifests/PACK_FORMAT.md.
/// </summary>
public static class LabelsWithoutImageCsv
{
    public const string Line = "labels_line";
    public const string ImageId = "image_id";
    public static IReadOnlyList<string> Columns { get; } = [Line, ImageId];

    public static void Write(TextWriter writer, IEnumerable<LabelsRowWithoutImage> rows)
    {
        using var csv = new CsvWriter(writer, ManifestCsv.Config, leaveOpen: true);
        csv.WriteField(Line);
        csv.WriteField(ImageId);
        csv.NextRecord();
        foreach (LabelsRowWithoutImage r in rows)
        {
            csv.WriteField(r.Line);
            csv.WriteField(r.ImageId);
            csv.NextRecord();
        }
        csv.Flush();
    }

    /// <summary>The rows of <paramref name="path"/>; none when the file does not exist (a pack whose labels all
    /// matched an image, or one written before the file existed).</summary>
    public static List<LabelsRowWithoutImage> Read(string path)
    {
        if (!File.Exists(path)) return [];
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, ManifestCsv.Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header
            || Array.IndexOf(header, Line) < 0 || Array.IndexOf(header, ImageId) < 0)
            throw ChestDxException.ForFile(path, $"expected the header '{Line},{ImageId}'");
        var rows = new List<LabelsRowWithoutImage>();
        while (csv.Read())
        {
            if (!int.TryParse(csv.GetField(Line), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out int line))
                throw ChestDxException.ForFile(path,
                    $"line {csv.Parser.RawRow}: {Line} '{csv.GetField(Line)}' is not a line number");
            rows.Add(new LabelsRowWithoutImage(line, csv.GetField(ImageId) ?? ""));
        }
        return rows;
    }
}
