using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using ChestDx.Core;
using ChestDx.Core.Progress;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChestDx.Ingest.Labels;

/// <summary>
/// Opens a labels file (plain or gzip, recognised by its magic bytes) and picks the reader from the header:
/// an NIH Data_Entry file ("Image Index", "Finding Labels") or a generic CSV with an "image_id" column.
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
            if (header.Contains(NihDataEntryReader.ImageIndex) && header.Contains(NihDataEntryReader.FindingLabels))
                return NihDataEntryReader.Read(parser, header, path, name, sha256);
            if (header.Contains(GenericLabelsReader.ImageId))
                return GenericLabelsReader.Read(parser, header, path, name, sha256, progress);
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
            $"expected a '{GenericLabelsReader.ImageId}' column (generic labels) or NIH Data_Entry columns " +
            $"('{NihDataEntryReader.ImageIndex}', '{NihDataEntryReader.FindingLabels}'); found: {string.Join(", ", header.Take(12))}");
    }
}
