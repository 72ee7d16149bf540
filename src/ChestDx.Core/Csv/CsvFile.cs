using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChestDx.Core.Csv;

/// <summary>
/// A forward-only RFC 4180 CSV file over plain, gzip or single-entry zip bytes (detected by magic bytes, not by name),
/// parsed by CsvHelper: the one CSV stack for the labels and predictions contracts and evaluation's small tables.
/// Header names are trimmed. Blank lines are skipped. A quoted field that is not closed, or text after a closing
/// quote, is an error naming the file and line. With <see cref="StrictWidth"/> (the default) rows may stop short of
/// the header only where the missing header names are empty (NIH's Data_Entry_2017 and BBox_List_2017 headers end in
/// empty names), and may run past it only with empty fields; label readers turn it off and judge each row themselves.
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly CsvParser _parser;
    private string[] _record = [];

    private CsvFile(string path, TextReader text)
    {
        Path = path;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => throw ChestDxException.ForFile(path,
                $"line {args.Context.Parser?.Row}: a quoted field is malformed (not closed, "
                    + $"or text after its closing quote)"),
            DetectColumnCountChanges = false,
        };
        _parser = new CsvParser(text, config);
        if (!Next()) throw ChestDxException.ForFile(path, "the file is empty (expected a CSV header line)");
        Header = _record.Select(h => h.Trim()).ToArray();
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }

    /// <summary>Whether <see cref="Read"/> refuses rows whose width disagrees with the header (see the
    /// class summary).</summary>
    public bool StrictWidth { get; init; } = true;

    /// <summary>1-based row number of the current record, the header being row 1 (a line number for files without
    /// quoted line breaks).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Number of fields of the current row.</summary>
    public int FieldCount => _record.Length;

    /// <summary>The field at <paramref name="index"/> of the current row, empty past its end.</summary>
    public ReadOnlySpan<char> this[int index] => (uint)index < (uint)_record.Length ? _record[index] : [];

    /// <summary>The field at <paramref name="index"/> as a string, empty past the end of the row.</summary>
    public string Field(int index) => (uint)index < (uint)_record.Length ? _record[index] : "";

    public static CsvFile Open(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "file not found");
        return Open(path, File.ReadAllBytes(path));
    }

    /// <summary>CSV text in <paramref name="bytes"/>, plain, gzip or a single-entry zip;
    /// <paramref name="path"/> names it in errors.</summary>
    public static CsvFile Open(string path, byte[] bytes)
    {
        Stream stream = new MemoryStream(bytes, writable: false);
        try
        {
            if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
                stream = Decompress(new GZipStream(stream, CompressionMode.Decompress));
            else if (bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3
                && bytes[3] == 4)
                stream = OpenSingleZipEntry(path, stream);
            return new CsvFile(path, new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true));
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw ChestDxException.ForFile(path, $"cannot decompress: {e.Message}", e);
        }
        catch (CsvHelperException e)
        {
            stream.Dispose();
            throw ChestDxException.ForFile(path, $"not a readable CSV file: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Reads already-decompressed CSV text from <paramref name="stream"/>;
    /// <paramref name="name"/> names it in errors.</summary>
    public static CsvFile Open(string name, Stream stream) =>
        new(name, new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true));

    /// <summary>The lower-case hex SHA-256 of <paramref name="bytes"/> (the labels file's
    /// identity in pack.json).</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Column index of <paramref name="name"/>, or -1. Names match as <see cref="ColumnNames"/> says (any case, spaces,
    /// '_' and '-' ignored), so "IMAGE INDEX" finds "Image Index".
    /// </summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Header.Count; i++)
            if (Header[i].Length > 0 && ColumnNames.Same(Header[i], name)) return i;
        return -1;
    }

    /// <summary>Column index of <paramref name="name"/>, or a one-line error naming the file and the
    /// columns it has.</summary>
    public int Require(string name)
    {
        int i = IndexOf(name);
        if (i < 0)
            throw ChestDxException.ForFile(
                Path, $"no \"{name}\" column (columns: {string.Join(", ", Header.Where(h => h.Length > 0).Take(20))})");
        return i;
    }

    /// <summary>Advances to the next non-blank row; false at the end of the file.</summary>
    public bool Read()
    {
        while (Next())
        {
            if (_record.All(string.IsNullOrWhiteSpace)) continue;
            if (StrictWidth) CheckWidth();
            return true;
        }
        return false;
    }

    public ChestDxException Error(string problem) => ChestDxException.ForFile(Path, $"line {LineNumber}: {problem}");

    private bool Next()
    {
        try
        {
            if (!_parser.Read()) return false;
        }
        catch (CsvHelperException e)
        {
            throw ChestDxException.ForFile(Path, $"not a readable CSV file: {e.Message.Split('\n')[0]}", e);
        }
        _record = _parser.Record ?? [];
        LineNumber = _parser.Row;
        return true;
    }

    private void CheckWidth()
    {
        int n = _record.Length, h = Header.Count;
        for (int i = n; i < h; i++)
            if (Header[i].Length > 0)
                throw Error($"{n} fields but the header has {h} (missing \"{Header[i]}\")");
        for (int i = h; i < n; i++)
            if (!string.IsNullOrWhiteSpace(_record[i]))
                throw Error($"{n} fields but the header has {h}");
    }

    // Decompressed up front: labels and predictions files are small next to memory, and a corrupt stream then fails
    // here, as "cannot decompress", instead of part-way through the rows.
    private static MemoryStream Decompress(Stream compressed)
    {
        var copy = new MemoryStream();
        using (compressed) compressed.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static Stream OpenSingleZipEntry(string path, Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = zip.Entries.Where(e => e.Length > 0 && !e.FullName.EndsWith('/')).ToList();
        if (entries.Count != 1)
            throw ChestDxException.ForFile(path, $"a zip archive must hold exactly one CSV file; "
                + $"it holds {entries.Count}");
        return Decompress(entries[0].Open());
    }

    public void Dispose() => _parser.Dispose();
}
