using System.Diagnostics;
using ChestDx.Core;
using ChestDx.Fuzz.Targets;

namespace ChestDx.Ingest.Tests.Fuzz;

/// <summary>
/// Replays, without AFL, every input under tests/data/fuzz-regressions/png/ and the png target's seeds through the
/// target the fuzzer runs (tests/ChestDx.Fuzz/Targets/PngTarget.cs): only ChestDxException escapes, no ChestDx
/// runtime error hides inside it, allocations stay under the bound, and each input finishes well within the hang bound.
/// </summary>
public sealed class PngFuzzReplayTests
{
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string folder in new[] { "fuzz-regressions", "fuzz-seeds" })
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "data", folder, PngTarget.Name);
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.EnumerateFiles(dir)
                         .Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                data.Add(Path.Combine(folder, PngTarget.Name, Path.GetFileName(file)));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_keeps_the_png_invariant_within_the_time_bound(string relative)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", relative));
        var clock = Stopwatch.StartNew();
        Exception? rejected = PngTarget.Png(input);
        clock.Stop();
        Assert.True(clock.Elapsed < PerInputLimit, $"png took {clock.Elapsed.TotalSeconds:F1} s on {relative}");
        Assert.True(rejected is null or ChestDxException, $"png returned {rejected?.GetType().Name}");
        // Seeds are valid PNGs the fast path decodes; rejecting one would leave the fuzzer only the error paths.
        if (relative.StartsWith("fuzz-seeds", StringComparison.Ordinal))
            Assert.True(rejected is null, $"{relative}: {rejected?.Message}");
    }
}
