using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Sources;
using ChestDx.Phantoms.Output;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Ingest.Tests.Pipeline;

/// <summary>
/// A bug that a file's content triggers (an exception that is none of the library's error types) rejects that file
/// with a reason that says it is a bug, and the run goes on; under a site key the reason names no clear path.
/// </summary>
public sealed class UnexpectedFailureTests
{
    /// <summary>Claims files whose path contains "MRN4242" and fails on them as a decoder bug would.</summary>
    private sealed class BuggyReader : IImageFileReader
    {
        public string Format => "png";
        public bool CanRead(ReadOnlySpan<byte> head, string relativePath) =>
            relativePath.Contains("MRN4242", StringComparison.Ordinal);
        public DecodedSource Read(ReadOnlyMemory<byte> contents, string displayPath) =>
            throw new InvalidOperationException($"index 7 past the end of the row buffer of {displayPath}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_decoder_bug_rejects_the_file_with_a_bug_reason_and_the_run_goes_on(bool keyed)
    {
        using var dir = new TempDir();
        string source = dir.Sub("SMITH_JOHN_12345");
        Directory.CreateDirectory(source);
        var pixels = new ushort[32 * 32];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)(i % 251);
        byte[] png = PhantomPng.Encode(new PhantomImage(32, 8, pixels));
        File.WriteAllBytes(Path.Combine(source, "ACC100.png"), png);
        File.WriteAllBytes(Path.Combine(source, "UNLABELLED_MRN4242.png"), png);

        var options = new IngestOptions
        {
            Source = dir.Path, Output = dir.Sub("pack"), Workers = 1, Split = SplitSpec.Parse("none"),
            Pseudonymiser = keyed
                ? Pseudonymiser.FromKey("a site key that is long enough!!"u8, "test")
                : Pseudonymiser.None,
            Readers = [new BuggyReader(), PngFileReader.Instance],
        };
        IngestReport report = IngestRunner.Run(options, NullProgressSink.Instance);

        Assert.Equal(1, report.Info.Count);
        RejectedInput rejected = Assert.Single(report.Rejected);
        Assert.StartsWith("ChestDx failed on this file (InvalidOperationException: index 7 past the end",
            rejected.Reason);
        Assert.EndsWith("this is a bug in ChestDx: please report it", rejected.Reason);
        string written = File.ReadAllText(Path.Combine(dir.Sub("pack"), "rejected.csv"))
                         + File.ReadAllText(Path.Combine(dir.Sub("pack"), "manifest.csv"));
        if (keyed)
            foreach (string clear in new[] { "SMITH", "12345", "MRN4242", "ACC100" })
                Assert.DoesNotContain(clear, written);
        else
            Assert.Contains("SMITH_JOHN_12345/UNLABELLED_MRN4242.png", rejected.Reason);
    }
}
