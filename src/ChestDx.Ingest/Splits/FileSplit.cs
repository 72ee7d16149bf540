using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ChestDx.Core;
using ChestDx.Core.Csv;
using ChestDx.Core.Packs;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChestDx.Ingest.Splits;

/// <summary>
/// `--split file:PATH`: a CSV with header `image_id,split` (other columns ignored; header names in any case). Split
/// names are the file's own (lower-case letters, digits, '_' and '-'). Images not in the file are rejected, not
/// guessed.
/// </summary>
public sealed partial class FileSplit : SplitPolicy
{
    private readonly Dictionary<string, string> _splits;

    private FileSplit(Dictionary<string, string> splits, SplitSettings settings)
    {
        _splits = splits;
        Settings = settings;
    }

    public override SplitSettings Settings { get; }

    public static FileSplit Read(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "split file not found");
        byte[] bytes = File.ReadAllBytes(path);
        using var reader = new StreamReader(new MemoryStream(bytes));
        // Header names match as in labels files (ColumnNames: any case, spaces and '_' ignored), so "IMAGE_ID,Split"
        // works.
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => ColumnNames.Key(a.Header),
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header
            || !header.Any(h => ColumnNames.Same(h, "image_id")) || !header.Any(h => ColumnNames.Same(h, "split")))
            throw ChestDxException.ForFile(path, "expected a CSV header with 'image_id' and 'split' columns");
        var splits = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string id = (csv.GetField(ColumnNames.Key("image_id")) ?? "").Trim();
            string split = (csv.GetField(ColumnNames.Key("split")) ?? "").Trim();
            int line = csv.Parser.Row;
            if (id.Length == 0) throw ChestDxException.ForFile(path, $"line {line}: empty image_id");
            if (!SplitName().IsMatch(split))
                throw ChestDxException.ForFile(path,
                    $"line {line}: split '{split}' is not a name of lower-case letters, digits, '_' or '-'");
            if (!splits.TryAdd(id, split) && splits[id] != split)
                throw ChestDxException.ForFile(path,
                    $"line {line}: image '{id}' is listed in '{splits[id]}' and '{split}'");
        }
        return new FileSplit(splits, new SplitSettings
        {
            Method = "file", File = Path.GetFileName(path),
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        });
    }

    public override string? Assign(string imageId, string patientKey, out string? reason)
    {
        reason = _splits.ContainsKey(imageId) ? null : $"'{imageId}' is not in split file {Settings.File}";
        return _splits.GetValueOrDefault(imageId);
    }

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex SplitName();
}
