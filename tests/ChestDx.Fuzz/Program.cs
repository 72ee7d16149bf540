using System.Diagnostics;
using ChestDx.Dicom;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Pixels;
using ChestDx.Fuzz.Targets;
using SharpFuzz;

namespace ChestDx.Fuzz;

/// <summary>
/// The AFL++ harness (see tests/fuzz/README.md):
/// <code>
/// ChestDx.Fuzz fuzz TARGET                 run under afl-fuzz (SharpFuzz out-of-process fork server)
/// ChestDx.Fuzz replay TARGET PATH...       run files (or every file in folders) through TARGET, report violations
/// ChestDx.Fuzz seed OUTDIR FIXTURE.dcm...  write seed inputs for every target a DICOM fixture can feed
/// </code>
/// TARGET is one of part10, rle, jpeg-lossless, jpeg-dct, png.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["fuzz", var name])
        {
            Func<byte[], Exception?> target = Target(name);
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                _ = target(copy.ToArray());
            });
            return 0;
        }
        if (args is ["replay", var replayTarget, .. var paths] && paths.Length > 0)
            return Replay(Target(replayTarget), paths);
        if (args is ["seed", var outDir, .. var fixtures] && fixtures.Length > 0) return Seed(outDir, fixtures);
        Console.Error.WriteLine(
            "usage: ChestDx.Fuzz fuzz TARGET | replay TARGET PATH... | seed OUTDIR FIXTURE.dcm...  (TARGET: "
            + string.Join(", ", DicomTargets.Names.Append(PngTarget.Name)) + ")");
        return 2;
    }

    private static Func<byte[], Exception?> Target(string name) =>
        name == PngTarget.Name ? PngTarget.Png : DicomTargets.Get(name);

    private static int Replay(Func<byte[], Exception?> target, string[] paths)
    {
        int failures = 0, count = 0;
        IEnumerable<string> files = paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [p]);
        foreach (string file in files)
        {
            count++;
            var clock = Stopwatch.StartNew();
            try
            {
                Exception? rejected = target(File.ReadAllBytes(file));
                string outcome = rejected is null ? "accepted" : $"rejected: {rejected.Message}";
                Console.WriteLine($"ok    {clock.ElapsedMilliseconds,6} ms  {file}  {outcome}");
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"FAIL  {clock.ElapsedMilliseconds,6} ms  {file}: {e.GetType().Name}: {e.Message}");
                Console.WriteLine(e.ToString());
            }
        }
        Console.WriteLine($"{count} input(s), {failures} violation(s)");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// A Part 10 seed is the fixture itself; a codec seed is the fuzz prefix for the fixture's frame followed by frame
    /// 1's codestream (fragments joined), filed under the target that decodes the fixture's transfer syntax.
    /// </summary>
    private static int Seed(string outDir, string[] fixtures)
    {
        foreach (string fixture in fixtures)
        {
            string name = Path.GetFileNameWithoutExtension(fixture);
            byte[] bytes = File.ReadAllBytes(fixture);
            Write(Path.Combine(outDir, "part10", name + ".dcm"), bytes);
            DicomFile file = DicomReader.Read(bytes, sourceName: fixture);
            string? codec = file.TransferSyntax.Codec switch
            {
                PixelCodec.Rle => "rle",
                PixelCodec.JpegLossless => "jpeg-lossless",
                PixelCodec.JpegDct => "jpeg-dct",
                _ => null,
            };
            if (codec is null || file.Dataset[DicomTags.PixelData]?.Fragments is not { } encapsulated) continue;
            PixelLayout layout = PixelLayout.FromDataset(file.Dataset, DicomReaderOptions.Default, fixture);
            IEnumerable<EncapsulatedFragment> frameOne = layout.NumberOfFrames == 1
                ? encapsulated.Fragments
                : encapsulated.Fragments.Take(1);
            byte[] codestream = [.. frameOne.SelectMany(f => f.Data.ToArray())];
            // JPEG seeds take Rows/Columns from the SOF, so mutated SOF sizes reach the decoder; not when the SOF has
            // none (a DNL marker gives the height) or there is no SOF (RLE).
            byte[] seed = [.. CodecInput.Encode(layout.ToFrameInfo(), dimensionsFromSof: true), .. codestream];
            if (CodecInput.Parse(seed)?.Frame != layout.ToFrameInfo())
                seed = [.. CodecInput.Encode(layout.ToFrameInfo(), dimensionsFromSof: false), .. codestream];
            Write(Path.Combine(outDir, codec, name + ".bin"), seed);
        }
        return 0;
    }

    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        Console.WriteLine($"{bytes.Length,8}  {path}");
    }
}
