using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using ChestDx.Core;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChestDx.Ingest.Labels;

/// <summary>
/// Opens a labels file (plain or gzip, recognised by its magic bytes) and picks the reader from the header:
/// an NIH Data_Entry file ("Image Index", "Finding Labels") or a generic CSV with an image id column (any spelling
/// of <see cref="ColumnNames.ImageId"/>, any case). A file with a header and no rows is an error ("no labelled images").
/// </summary>
public static class LabelsReader
{
    public static LabelTable Read(string path, IProgressSink progress)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "labels file not found");
        byte[] bytes = File.ReadAllBytes(path);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Stream stream = new MemoryStream(bytes, writable: false);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B) stream = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        string[] header;
        try
        {
            if (!parser.Read() || parser.Record is not { } h) throw ChestDxException.ForFile(path, "empty labels file");
            header = h.Select(c => c.Trim()).ToArray();
            string name = Path.GetFileName(path);
            bool Has(string column) => header.Any(h => ColumnNames.Same(h, column));
            LabelTable? table = null;
            if (Has(NihDataEntryReader.ImageIndex) && Has(NihDataEntryReader.FindingLabels))
                table = NihDataEntryReader.Read(parser, header, path, name, sha256);
            else if (header.Any(h => ColumnNames.IsOneOf(h, ColumnNames.ImageId)))
                table = GenericLabelsReader.Read(parser, header, path, name, sha256, progress);
            if (table is not null)
            {
                // A header-only file would otherwise make a pack of nothing and exit 0 (issue 11, item 7).
                if (table.Rows.Count == 0) throw ChestDxException.ForFile(path, "no labelled images: the file has a header and no rows");
                return table;
            }
        }
        catch (InvalidDataException e)
        {
            throw ChestDxException.ForFile(path, $"cannot decompress: {e.Message}", e);
        }
        catch (CsvHelperException e)
        {
            throw ChestDxException.ForFile(path, $"not a readable CSV file: {e.Message.Split('\n')[0]}", e);
        }
        throw ChestDxException.ForFile(path,
            $"expected a '{GenericLabelsReader.ImageId}' column (or {ColumnNames.List(ColumnNames.ImageId.Skip(1).ToList())}; any case) or NIH Data_Entry columns " +
            $"('{NihDataEntryReader.ImageIndex}', '{NihDataEntryReader.FindingLabels}'); found: {string.Join(", ", header.Take(12))}");
    }
}
