using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Packs;
using ChestDx.Ingest.TestPoints;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// The resumable state of an unfinished run, in PACK/.partial/: run.json (what the run is: settings, inputs
/// fingerprint, shard), images.u8 (S×S images appended in order) and journal.jsonl (one JSON line per finished
/// input, in order). An image's bytes are written before its journal line, so after a kill -9 the journal never
/// names an image that is not on disk; at worst images.u8 has a tail the journal does not name, or the journal a
/// torn last line. Opening cuts both back to the longest consistent prefix, re-hashes every journaled image
/// against its recorded SHA-256, and carries on from there: nothing is lost, duplicated or redone.
/// </summary>
public sealed class IngestJournal : IDisposable
{
    public const string DirectoryName = ".partial";
    public const string RunFile = "run.json";
    public const string JournalFile = "journal.jsonl";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly FileStream _images;
    private readonly FileStream _journal;
    private readonly int _imageBytes;

    private IngestJournal(
        FileStream images, FileStream journal, int completed, int acceptedRows, int imageBytes,
        Dictionary<string, int> imageRows)
    {
        ImageRows = imageRows;
        _imageBytes = imageBytes;
        _images = images;
        _journal = journal;
        Completed = completed;
        AcceptedRows = acceptedRows;
    }

    /// <summary>Inputs already finished (journaled) when the journal was opened.</summary>
    public int Completed { get; }

    /// <summary>Images already in images.u8 when the journal was opened.</summary>
    public int AcceptedRows { get; }

    /// <summary>
    /// Image id → manifest row of the images already journaled (for duplicate detection after a resume).
    /// </summary>
    public Dictionary<string, int> ImageRows { get; }

    public static string PathIn(string packDirectory) => Path.Combine(packDirectory, DirectoryName);

    /// <summary>
    /// Creates the journal, or reopens and repairs an existing one started with the same <paramref name="runJson"/>.
    /// </summary>
    public static IngestJournal Open(string directory, string runJson, int imageBytes, int firstIndex)
    {
        Directory.CreateDirectory(directory);
        string runPath = Path.Combine(directory, RunFile);
        if (File.Exists(runPath))
        {
            if (File.ReadAllText(runPath) != runJson)
                throw ChestDxException.ForFile(runPath,
                    "an unfinished run with different settings or inputs is in this pack directory; " +
                    "rerun the original command to finish it, or delete the directory to start over");
        }
        else
        {
            AtomicFile.WriteAllText(runPath, runJson);
        }

        string imagesPath = Path.Combine(directory, PackFormat.ImagesFile);
        string journalPath = Path.Combine(directory, JournalFile);
        (long journalLength, int completed, List<string> pixelHashes, List<string> imageIds) =
            ScanJournal(journalPath, firstIndex);
        var images = new FileStream(imagesPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        var journal = new FileStream(journalPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 12);
        try
        {
            // Keep the longest prefix whose images are all on disk and hash as the journal says.
            int verified = VerifyImages(images, pixelHashes, imageBytes);
            if (verified < pixelHashes.Count)
                (journalLength, completed) = PrefixWithRows(journalPath, verified);
            images.SetLength((long)verified * imageBytes);
            images.Seek(0, SeekOrigin.End);
            journal.SetLength(journalLength);
            journal.Seek(0, SeekOrigin.End);
            var imageRows = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int r = 0; r < verified; r++) imageRows.TryAdd(imageIds[r], r);
            return new IngestJournal(images, journal, completed, verified, imageBytes, imageRows);
        }
        catch
        {
            images.Dispose();
            journal.Dispose();
            throw;
        }
    }

    public void Append(Outcome outcome)
    {
        if (outcome.Record is not null && outcome.Pixels is not null)
        {
            _images.Write(outcome.Pixels, 0, _imageBytes);
            _images.Flush();
        }
        IngestTestPoints.At(IngestTestPoints.BeforeJournalLine);
        var line = new JournalLine(outcome.Index, outcome.Record, outcome.Rejected);
        byte[] bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, Json) + "\n");
        _journal.Write(bytes);
        _journal.Flush();
    }

    /// <summary>Every journaled outcome, in order (for the final manifest and rejected.csv).</summary>
    public static IEnumerable<JournalLine> ReadAll(string directory)
    {
        using var reader = new StreamReader(Path.Combine(directory, JournalFile));
        while (reader.ReadLine() is { } text)
            yield return JsonSerializer.Deserialize<JournalLine>(text, Json)
                ?? throw new InvalidDataException("null journal line");
    }

    public void Dispose()
    {
        _images.Flush(flushToDisk: true);
        _journal.Flush(flushToDisk: true);
        _images.Dispose();
        _journal.Dispose();
    }

    /// <summary>
    /// Length of the valid prefix (complete, parseable lines with consecutive indices), entries, and the pixel hashes
    /// and ids of accepted rows.
    /// </summary>
    private static (long Length, int Completed, List<string> PixelHashes, List<string> ImageIds) ScanJournal(
        string path, int firstIndex)
    {
        var hashes = new List<string>();
        var ids = new List<string>();
        long valid = 0;
        int completed = 0;
        int hashColumn = ManifestRecord.IndexOf(ManifestColumns.PixelsSha256);
        foreach ((JournalLine? line, long end) in Lines(path))
        {
            if (line is null
                || line.Index != firstIndex + completed
                || (line.Record is null) == (line.Rejected is null))
                break;
            if (line.Record is not null)
            {
                hashes.Add(line.Record.Provenance[hashColumn]);
                ids.Add(line.Record.ImageId);
            }
            completed++;
            valid = end;
        }
        return (valid, completed, hashes, ids);
    }

    /// <summary>
    /// Byte length and entry count of the journal prefix that holds exactly <paramref name="rows"/> accepted images.
    /// </summary>
    private static (long Length, int Completed) PrefixWithRows(string path, int rows)
    {
        long length = 0;
        int completed = 0, accepted = 0;
        foreach ((JournalLine? line, long end) in Lines(path))
        {
            if (line is null || (line.Record is not null && accepted == rows)) break;
            if (line.Record is not null) accepted++;
            completed++;
            length = end;
        }
        return (length, completed);
    }

    /// <summary>
    /// The journal's complete lines, streamed (a 112,120-image journal is ~100 MB), each with the byte offset just
    /// after it; null for a line that does not parse. A last line without its newline (torn by a kill) is not returned.
    /// </summary>
    private static IEnumerable<(JournalLine? Line, long End)> Lines(string path)
    {
        if (!File.Exists(path)) yield break;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var pending = new MemoryStream();
        var buffer = new byte[1 << 16];
        long offset = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                pending.Write(buffer, start, i - start);
                offset += pending.Length + 1;
                JournalLine? line;
                try
                {
                    line = JsonSerializer.Deserialize<JournalLine>(
                        pending.GetBuffer().AsSpan(0, (int)pending.Length), Json);
                }
                catch (JsonException)
                {
                    line = null;
                }
                yield return (line, offset);
                pending.SetLength(0);
                start = i + 1;
            }
            pending.Write(buffer, start, read - start);
        }
    }

    /// <summary>How many leading images are on disk with the recorded hash.</summary>
    private static int VerifyImages(FileStream images, List<string> hashes, int imageBytes)
    {
        long available = images.Length / imageBytes;
        var buffer = new byte[imageBytes];
        images.Seek(0, SeekOrigin.Begin);
        for (int r = 0; r < hashes.Count; r++)
        {
            if (r >= available) return r;
            images.ReadExactly(buffer);
            if (Convert.ToHexStringLower(SHA256.HashData(buffer)) != hashes[r]) return r;
        }
        return hashes.Count;
    }
}

/// <summary>One journal line: input <see cref="Index"/> became a manifest row or a rejection.</summary>
public sealed record JournalLine(int Index, ManifestRecord? Record, RejectedInput? Rejected);
