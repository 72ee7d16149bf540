using CsvHelper;

namespace ChestDx.Core.Packs;

/// <summary>One input that did not become a pack image, and why.</summary>
public sealed record RejectedInput(string Source, string Reason);

/// <summary>Reads and writes rejected.csv (columns: <see cref="RejectedColumns"/>).</summary>
public static class RejectedCsv
{
    public static void Write(TextWriter writer, IEnumerable<RejectedInput> rows)
    {
        using var csv = new CsvWriter(writer, ManifestCsv.Config, leaveOpen: true);
        csv.WriteField(RejectedColumns.Source);
        csv.WriteField(RejectedColumns.Reason);
        csv.NextRecord();
        foreach (RejectedInput r in rows)
        {
            csv.WriteField(r.Source);
            csv.WriteField(r.Reason);
            csv.NextRecord();
        }
        csv.Flush();
    }

    public static List<RejectedInput> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, ManifestCsv.Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header
            || Array.IndexOf(header, RejectedColumns.Source) < 0 || Array.IndexOf(header, RejectedColumns.Reason) < 0)
            throw ChestDxException.ForFile(
                path, $"expected the header '{RejectedColumns.Source},{RejectedColumns.Reason}'");
        var rows = new List<RejectedInput>();
        while (csv.Read())
            rows.Add(new RejectedInput(csv.GetField(RejectedColumns.Source) ?? "",
                csv.GetField(RejectedColumns.Reason) ?? ""));
        return rows;
    }
}
