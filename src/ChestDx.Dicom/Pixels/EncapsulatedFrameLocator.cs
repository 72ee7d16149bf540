using System.Buffers.Binary;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Pixels;

/// <summary>
/// Which fragments of encapsulated Pixel Data make up each frame (PS3.5 §A.4). In order of trust: one frame takes
/// every fragment; the Extended Offset Table (7FE0,0001/0002) when present; the Basic Offset Table when not empty;
/// one fragment per frame when the counts match; else frame starts found by codestream start markers (JPEG SOI,
/// JPEG 2000 SOC or JP2 signature), which is what pydicom and dicomParser do for multi-frame files without a BOT.
/// A Basic Offset Table that does not fit the fragments is set aside for the fragment-based rules, as dcmtk does.
/// </summary>
internal static class EncapsulatedFrameLocator
{
    /// <summary>The fragment index ranges [start, end) of every frame.</summary>
    public static (int Start, int End)[] Locate(EncapsulatedFragments encapsulated, DicomDataset dataset, int frames,
        string? path)
    {
        IReadOnlyList<EncapsulatedFragment> fragments = encapsulated.Fragments;
        if (fragments.Count == 0) Fail(path, "encapsulated Pixel Data has no fragments");
        if (frames == 1) return [(0, fragments.Count)];

        if (dataset.TryGet(DicomTags.ExtendedOffsetTable, out DicomElement eot))
        {
            string? eotProblem = TryFromOffsets(ReadUInt64s(eot.Value.Span), fragments, frames,
                "Extended Offset Table (7FE0,0001)", out var byEot);
            if (eotProblem is not null) Fail(path, eotProblem);
            return byEot;
        }

        ReadOnlySpan<byte> bot = encapsulated.BasicOffsetTable.Span;
        string botProblem = "";
        if (bot.Length > 0)
        {
            (int, int)[] byBot = [];
            string? problem = bot.Length % 4 != 0
                ? $"Basic Offset Table of {bot.Length} bytes is not a list of 32-bit offsets"
                : TryFromOffsets(ReadUInt32s(bot), fragments, frames, "Basic Offset Table", out byBot);
            if (problem is null) return byBot;
            // dcmtk ignores a Basic Offset Table that does not fit the frames and finds them from the fragments
            // (checked with dcmdjpeg 3.6.7: two frames, one entry); so does ChestDx. The fragment-based rules below
            // are checked in their own right, and a failure names both problems.
            botProblem = $"; the {problem}, so it was not used";
        }

        if (fragments.Count == frames)
            return [.. Enumerable.Range(0, frames).Select(i => (i, i + 1))];
        if (fragments.Count < frames)
            Fail(path, $"{frames} frames but only {fragments.Count} fragments and no usable offset table{botProblem}");

        var starts = new List<int>();
        for (int i = 0; i < fragments.Count; i++)
            if (StartsCodestream(fragments[i].Data.Span)) starts.Add(i);
        if (starts.Count != frames || starts[0] != 0)
            Fail(path, $"{frames} frames in {fragments.Count}"
                + $" fragments without a usable offset table, and codestream start markers give {starts.Count}"
                + $" frames{botProblem}");
        var ranges = new (int, int)[frames];
        for (int f = 0; f < frames; f++) ranges[f] = (starts[f], f + 1 < frames ? starts[f + 1] : fragments.Count);
        return ranges;
    }

    /// <summary>
    /// Maps offset-table entries (byte offsets of each frame's first fragment item, PS3.5 §A.4) to fragments; the
    /// problem when the table does not fit the fragments, else null.
    /// </summary>
    private static string? TryFromOffsets(ulong[] offsets, IReadOnlyList<EncapsulatedFragment> fragments, int frames,
        string table, out (int, int)[] ranges)
    {
        ranges = new (int, int)[frames];
        if (offsets.Length != frames) return $"{table} has {offsets.Length} entries for {frames} frames";
        int fragment = 0;
        for (int f = 0; f < frames; f++)
        {
            while (fragment < fragments.Count && (ulong)fragments[fragment].Offset < offsets[f]) fragment++;
            if (fragment >= fragments.Count || (ulong)fragments[fragment].Offset != offsets[f])
                return $"{table} entry {f} (offset {offsets[f]}) does not point at a fragment";
            ranges[f].Item1 = fragment;
            if (f > 0)
            {
                if (ranges[f - 1].Item1 >= fragment) return $"{table} offsets are not increasing at entry {f}";
                ranges[f - 1].Item2 = fragment;
            }
        }
        ranges[frames - 1].Item2 = fragments.Count;
        return null;
    }

    private static ulong[] ReadUInt32s(ReadOnlySpan<byte> s)
    {
        var values = new ulong[s.Length / 4];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt32LittleEndian(s[(i * 4)..]);
        return values;
    }

    private static ulong[] ReadUInt64s(ReadOnlySpan<byte> s)
    {
        var values = new ulong[s.Length / 8];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt64LittleEndian(s[(i * 8)..]);
        return values;
    }

    /// <summary>
    /// JPEG SOI (FFD8, T.81 B.1.1.3; also JPEG-LS), JPEG 2000 SOC+SIZ (FF4F FF51, T.800 A.4.1), JP2 signature box.
    /// </summary>
    private static bool StartsCodestream(ReadOnlySpan<byte> s) =>
        s.Length >= 4
        && ((s[0] == 0xFF && s[1] == 0xD8)
            || (s[0] == 0xFF && s[1] == 0x4F && s[2] == 0xFF && s[3] == 0x51)
            || (s.Length >= 8
                && s[..8].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20])));

    private static void Fail(string? path, string problem) =>
        DicomThrowHelper.Throw(path, problem, DicomTags.PixelData);
}
