using System.IO.Compression;
using System.Text;
using ChestDx.Core;
using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// A forward-only RFC 4180 CSV reader over a plain, gzip or single-entry zip file (detected by magic bytes, not by
/// name). Fields are handed out as spans into the current line; only quoted fields with doubled quotes are copied.
/// Rows may stop short of the header only where the missing header names are empty (NIH's Data_Entry_2017 and
/// BBox_List_2017 headers end in empty names), and may run past it only with empty fields.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private readonly TextReader _text;
    private readonly List<(int Start, int Length, bool Unescaped)> _fields = [];
    private readonly StringBuilder _unescaped = new();
    private string _line = "";
    private string _unescapedText = "";

    private CsvReader(string path, TextReader text)
    {
        Path = path;
        _text = text;
        if (!ReadLine())
            throw ChestDxException.ForFile(path, "the file is empty (expected a CSV header line)");
        var header = new string[_fields.Count];
        for (int i = 0; i < header.Length; i++) header[i] = this[i].Trim().ToString();
        Header = header;
        HeaderLineNumber = LineNumber;
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public long HeaderLineNumber { get; }

    /// <summary>1-based line number of the current row (of its first line, for a quoted field spanning lines).</summary>
    public long LineNumber { get; private set; }

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_fields.Count) return [];
            var (start, length, unescaped) = _fields[index];
            return unescaped ? _unescapedText.AsSpan(start, length) : _line.AsSpan(start, length);
        }
    }

    public static CsvReader Open(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "file not found");
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            int got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            stream.Position = 0;
            if (got >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
                stream = new GZipStream(stream, CompressionMode.Decompress);
            else if (got == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4)
                stream = OpenSingleZipEntry(path, stream);
            return new CsvReader(path, new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16));
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw ChestDxException.ForFile(path, $"not a readable compressed file ({e.Message})", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads already-decompressed CSV text from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public static CsvReader Open(string name, Stream stream) =>
        new(name, new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true));

    /// <summary>
    /// Column index of <paramref name="name"/>, or -1. Names match as ingestion matches them (<see cref="ColumnNames"/>:
    /// any case, spaces, '_' and '-' ignored), so "IMAGE INDEX" finds "Image Index".
    /// </summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Header.Count; i++)
            if (Header[i].Length > 0 && ColumnNames.Same(Header[i], name)) return i;
        return -1;
    }

    /// <summary>Column index of <paramref name="name"/>, or a one-line error naming the file and the columns it has.</summary>
    public int Require(string name)
    {
        int i = IndexOf(name);
        if (i < 0)
            throw ChestDxException.ForFile(Path, $"no \"{name}\" column (columns: {string.Join(", ", Header.Where(h => h.Length > 0).Take(20))})");
        return i;
    }

    /// <summary>Advances to the next non-blank row; false at the end of the file.</summary>
    public bool Read()
    {
        while (ReadLine())
        {
            if (_fields.Count == 1 && this[0].IsWhiteSpace()) continue;
            CheckWidth();
            return true;
        }
        return false;
    }

    public ChestDxException Error(string problem) => ChestDxException.ForFile(Path, $"line {LineNumber}: {problem}");

    private void CheckWidth()
    {
        int n = _fields.Count, h = Header.Count;
        for (int i = n; i < h; i++)
            if (Header[i].Length > 0)
                throw Error($"{n} fields but the header has {h} (missing \"{Header[i]}\")");
        for (int i = h; i < n; i++)
            if (!this[i].IsWhiteSpace())
                throw Error($"{n} fields but the header has {h}");
    }

    private bool ReadLine()
    {
        string? line = _text.ReadLine();
        if (line is null) return false;
        LineNumber = LineNumber == 0 ? 1 : LineNumber + 1;
        long firstLine = LineNumber;
        // A quoted field may hold line breaks: keep reading until the quotes balance.
        while (CountQuotes(line) % 2 == 1)
        {
            string? more = _text.ReadLine();
            if (more is null) throw ChestDxException.ForFile(Path, $"line {firstLine}: a quoted field is not closed");
            LineNumber++;
            line = line + "\n" + more;
        }
        _line = line;
        Split(firstLine);
        LineNumber = firstLine;
        return true;
    }

    private static int CountQuotes(string line)
    {
        int count = 0;
        foreach (char c in line) if (c == '"') count++;
        return count;
    }

    private void Split(long lineNumber)
    {
        _fields.Clear();
        _unescaped.Clear();
        ReadOnlySpan<char> line = _line;
        int pos = 0;
        while (true)
        {
            if (pos < line.Length && line[pos] == '"')
            {
                // Quoted field (RFC 4180 §2.5–2.7): "" inside stands for one quote.
                int start = _unescaped.Length;
                pos++;
                while (true)
                {
                    int q = line[pos..].IndexOf('"');
                    if (q < 0) throw ChestDxException.ForFile(Path, $"line {lineNumber}: a quoted field is not closed");
                    _unescaped.Append(line.Slice(pos, q));
                    pos += q + 1;
                    if (pos < line.Length && line[pos] == '"') { _unescaped.Append('"'); pos++; continue; }
                    break;
                }
                _fields.Add((start, _unescaped.Length - start, true));
                int comma = line[pos..].IndexOf(',');
                if (comma < 0) break;
                if (!line.Slice(pos, comma).IsWhiteSpace())
                    throw ChestDxException.ForFile(Path, $"line {lineNumber}: text after a closing quote");
                pos += comma + 1;
            }
            else
            {
                int comma = line[pos..].IndexOf(',');
                if (comma < 0) { _fields.Add((pos, line.Length - pos, false)); break; }
                _fields.Add((pos, comma, false));
                pos += comma + 1;
            }
        }
        _unescapedText = _unescaped.ToString();
    }

    private static Stream OpenSingleZipEntry(string path, Stream stream)
    {
        var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = zip.Entries.Where(e => e.Length > 0 && !e.FullName.EndsWith('/')).ToList();
        if (entries.Count != 1)
            throw ChestDxException.ForFile(path, $"a zip archive must hold exactly one CSV file; it holds {entries.Count}");
        // The entry stream does not own the archive; copying keeps disposal simple for these small label files.
        var copy = new MemoryStream();
        using (Stream entry = entries[0].Open()) entry.CopyTo(copy);
        zip.Dispose();
        copy.Position = 0;
        return copy;
    }

    public void Dispose() => _text.Dispose();
}
