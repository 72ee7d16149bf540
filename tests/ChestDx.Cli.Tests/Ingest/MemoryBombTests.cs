using System.Diagnostics;
using ChestDx.Core.Packs;

namespace ChestDx.Cli.Tests.Ingest;

/// <summary>
/// Decompression bombs through `chestdx ingest` in a child process whose managed heap is capped with
/// DOTNET_GCHeapHardLimit (issue 11). The cap is what makes "bounded" testable: above it an allocation throws
/// OutOfMemoryException, which ingest does not catch, so the child dies with a non-zero exit instead of the kernel
/// picking a victim. An address-space limit (ulimit -v / prlimit --as) cannot be used: the .NET runtime reserves far
/// more virtual memory than it touches (GC regions, code heaps) and fails to start under any useful limit, and a cgroup
/// (systemd-run) is not available to a test. Every buffer ingest sizes by the image is managed, so the heap cap bounds
/// them; native codec memory (OpenJPEG, CharLS) is outside it, and the budget accounts for it instead.
/// </summary>
public class MemoryBombTests : IDisposable
{
    /// <summary>384 MiB: the unmodified decoder needed 2.6 GB for the PNG and 4.7 GB for the RLE bomb.</summary>
    private const string HeapLimit = "0x18000000";

    private readonly string _dir =
        Path.Combine(Path.GetTempPath(), "chestdx-bombs-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _source;

    public MemoryBombTests()
    {
        _source = Path.Combine(_dir, "source");
        Directory.CreateDirectory(_source);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Bombs_that_stream_are_ingested_and_the_one_that_cannot_is_rejected_by_the_budget_under_a_384_MiB_heap()
    {
        MemoryBombs.Png(Path.Combine(_source, "a_rgba16.png"), 12000, 12000, 16, colourType: 6, interlaced: false);
        MemoryBombs.Png(Path.Combine(_source, "b_rgba16_interlaced.png"), 12000, 12000, 16, colourType: 6,
            interlaced: true);
        MemoryBombs.Dicom(Path.Combine(_source, "c_rle.dcm"), 23000, 23000, rle: true);
        MemoryBombs.Dicom(Path.Combine(_source, "d_native.dcm"), 12000, 12000, rle: false);
        Assert.True(new FileInfo(Path.Combine(_source, "a_rgba16.png")).Length < 2_000_000,
            "the PNG bomb should be small on disk");
        Assert.True(new FileInfo(Path.Combine(_source, "c_rle.dcm")).Length < 9_000_000,
            "the RLE bomb should be small on disk");

        string pack = Path.Combine(_dir, "pack");
        (int code, string output) =
            Child(["ingest", "--source", _source, "--out", pack, "--no-pseudonym", "--workers", "1"]);

        Assert.True(code == 0, $"exit {code}: {output}");
        List<RejectedInput> rejected = RejectedCsv.Read(Path.Combine(pack, PackFormat.RejectedFile));
        RejectedInput interlaced = Assert.Single(rejected);
        Assert.Equal("b_rgba16_interlaced.png", interlaced.Source);
        Assert.Contains("12000 × 12000 image would need about", interlaced.Reason);
        Assert.Contains("PNG decoded whole by ImageSharp (interlaced)", interlaced.Reason);
        Assert.Contains("over the --max-image-memory budget of 1 GiB", interlaced.Reason);
        string[] manifest = File.ReadAllLines(Path.Combine(pack, PackFormat.ManifestFile));
        Assert.Equal(1 + 3, manifest.Length);
        foreach (string accepted in new[] { "a_rgba16.png", "c_rle.dcm", "d_native.dcm" })
            Assert.Contains(manifest, line => line.Contains(accepted, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_larger_than_the_budget_is_rejected_before_it_is_read_and_the_run_goes_on()
    {
        MemoryBombs.Dicom(Path.Combine(_source, "big_native.dcm"), 6000, 6000, rle: false);
        MemoryBombs.Dicom(Path.Combine(_source, "small_native.dcm"), 600, 500, rle: false);

        string pack = Path.Combine(_dir, "pack");
        (int code, string output) = Child(["ingest", "--source", _source, "--out", pack, "--no-pseudonym",
            "--workers", "1", "--max-image-memory", "32M"]);

        Assert.True(code == 0, $"exit {code}: {output}");
        RejectedInput big = Assert.Single(RejectedCsv.Read(Path.Combine(pack, PackFormat.RejectedFile)));
        Assert.Equal("big_native.dcm", big.Source);
        Assert.Equal("file of 34.3 MiB exceeds the --max-image-memory budget of 32 MiB", big.Reason);
    }

    [Theory]
    [InlineData("512")]
    [InlineData("lots")]
    [InlineData("-1G")]
    public void A_budget_that_is_not_a_size_of_at_least_16M_is_refused(string budget)
    {
        (int code, string output) = Child(["ingest", "--source", _source, "--out", Path.Combine(_dir, "pack"),
            "--no-pseudonym", "--max-image-memory", budget]);
        Assert.NotEqual(0, code);
        Assert.Contains($"--max-image-memory '{budget}'", output);
    }

    private static (int Code, string Output) Child(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chestdx.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(300_000)) process.Kill();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
