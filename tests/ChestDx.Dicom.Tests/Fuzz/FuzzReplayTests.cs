using System.Diagnostics;
using ChestDx.Fuzz.Targets;

namespace ChestDx.Dicom.Tests.Fuzz;

/// <summary>
/// Replays, without AFL, every input under tests/data/fuzz-regressions/&lt;target&gt;/ (crashes and hangs the fuzzing
/// campaign found, minimised; see tests/fuzz/README.md) and the campaign's seeds through the same target functions
/// the fuzzer runs (tests/ChestDx.Fuzz/Targets), and asserts their invariant: only DicomException escapes, no
/// ChestDx runtime error hides inside it, allocations stay under the target's bound, and each input finishes in
/// well under the fuzzer's hang bound (generous here, since CI machines are slower and shared).
/// </summary>
public sealed class FuzzReplayTests
{
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string target in DicomTargets.Names)
        {
            foreach (string folder in new[] { "fuzz-regressions", "fuzz-seeds" })
            {
                string dir = Path.Combine(AppContext.BaseDirectory, "data", folder, target);
                if (!Directory.Exists(dir)) continue;
                foreach (string file in Directory.EnumerateFiles(dir)
                             .Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                    data.Add(target, Path.Combine(folder, target, Path.GetFileName(file)));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_keeps_the_target_invariant_within_the_time_bound(string target, string relative)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", relative));
        var clock = Stopwatch.StartNew();
        Exception? rejected = DicomTargets.Get(target)(input);
        clock.Stop();
        Assert.True(clock.Elapsed < PerInputLimit,
            $"{target} took {clock.Elapsed.TotalSeconds:F1} s on {relative} (limit {PerInputLimit.TotalSeconds} s)");
        Assert.True(rejected is null or DicomException, $"{target} returned {rejected?.GetType().Name}");
    }

    [Fact]
    public void Every_target_has_seeds_to_replay()
    {
        foreach (string target in DicomTargets.Names)
            Assert.True(
                Inputs().Any(row => (string)row[0] == target
                                    && ((string)row[1]).StartsWith("fuzz-seeds", StringComparison.Ordinal)),
                $"no seeds copied for {target}");
    }

    [Fact]
    public void Codec_seeds_decode_without_error()
    {
        // The seeds are valid frames; a target that rejected them would fuzz only its error paths.
        foreach (object[] row in Inputs().Where(r =>
                     (string)r[0] != "part10" && ((string)r[1]).StartsWith("fuzz-seeds", StringComparison.Ordinal)))
        {
            Exception? rejected = DicomTargets.Get((string)row[0])(
                File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", (string)row[1])));
            Assert.True(rejected is null, $"{row[1]}: {rejected?.Message}");
        }
    }
}
