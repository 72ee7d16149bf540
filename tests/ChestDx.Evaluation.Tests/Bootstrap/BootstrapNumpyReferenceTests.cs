using System.Buffers.Binary;
using System.Text.Json;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Tests.Bootstrap;

/// <summary>
/// The stratified bootstrap against an independent computation: tests/data/eval-reference/bootstrap_indices.u16 holds
/// the case rows of 200 resamples of Atelectasis (seed 11, stream 7; m positives then n negatives per resample, as
/// <see cref="ClassBootstrap"/> draws them), and bootstrap_reference.py computes every interval from that file with
/// numpy alone (Mann–Whitney AUROC with midranks, scikit-learn's average precision, counts at the threshold,
/// numpy.percentile's linear interpolation) into bootstrap_reference.json. The first test pins the file to ChestDx's
/// draws; the second compares the intervals, so neither ChestDx's metric code nor its percentile code checks itself.
/// </summary>
public sealed class BootstrapNumpyReferenceTests
{
    private const string Class = "Atelectasis";
    private const int Resamples = 200;
    private const ulong Seed = 11, Stream = 7;
    private const double Threshold = 0.5;
    private static readonly ReferenceCase Case = ReferenceCase.Instance;
    private static readonly string IndexFile = Path.Combine(ReferenceCase.DataDir, "bootstrap_indices.u16");

    [Fact]
    public void Resample_index_file_holds_the_bootstraps_own_draws()
    {
        ushort[] expected = Draws();
        // CHESTDX_WRITE_BOOTSTRAP_INDICES=PATH regenerates the file (then rerun bootstrap_reference.py).
        if (Environment.GetEnvironmentVariable("CHESTDX_WRITE_BOOTSTRAP_INDICES") is { Length: > 0 } path)
        {
            var bytes = new byte[expected.Length * 2];
            for (int i = 0; i < expected.Length; i++)
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), expected[i]);
            File.WriteAllBytes(path, bytes);
        }
        byte[] file = File.ReadAllBytes(IndexFile);
        ushort[] actual = new ushort[file.Length / 2];
        for (int i = 0; i < actual.Length; i++) actual[i] = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(2 * i));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Intervals_equal_numpys_on_the_same_resamples_including_the_paired_difference()
    {
        bool[] y = Case.Truth[Class];
        ClassBootstrapResult result = ClassBootstrap.Run(RankedScores.Build(Case.ModelA[Class], y), Threshold,
            RankedScores.Build(Case.ModelB[Class], y), y, Stream,
            new BootstrapOptions { Resamples = Resamples, Seed = Seed }, []);
        JsonElement reference = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(ReferenceCase.DataDir, "bootstrap_reference.json"))).RootElement;
        Assert.Equal(Resamples, reference.GetProperty("resamples").GetInt32());

        void Check(string name, PercentileInterval? interval)
        {
            JsonElement e = reference.GetProperty("intervals").GetProperty(name);
            Assert.NotNull(interval);
            Close(e[0].GetDouble(), interval.Low, $"{name} low");
            Close(e[1].GetDouble(), interval.High, $"{name} high");
        }
        Check("auroc", result.Auroc);
        Check("average_precision", result.AveragePrecision);
        Check("sensitivity", result.Sensitivity);
        Check("specificity", result.Specificity);
        Check("precision", result.Precision);
        Check("npv", result.Npv);
        Check("f1", result.F1);
        Check("comparison_auroc", result.ComparisonAuroc);
        // numpy takes the percentiles of AUROC_A(r) − AUROC_B(r) per resample r: equal only if both models were scored
        // on the same draws (an unpaired difference would be wider).
        Check("auroc_difference", result.AurocDifference);
    }

    /// <summary>
    /// Case rows of each resample: m draws among the positives, then n among the negatives, per resample stream.
    /// </summary>
    private static ushort[] Draws()
    {
        bool[] y = Case.Truth[Class];
        int[] pos = Enumerable.Range(0, y.Length).Where(i => y[i]).ToArray(),
            neg = Enumerable.Range(0, y.Length).Where(i => !y[i]).ToArray();
        var draws = new List<ushort>(Resamples * y.Length);
        for (int r = 0; r < Resamples; r++)
        {
            var rng = BootstrapRandom.Create(Seed, Stream, (ulong)r);
            for (int k = 0; k < pos.Length; k++) draws.Add((ushort)pos[rng.NextInt(pos.Length)]);
            for (int k = 0; k < neg.Length; k++) draws.Add((ushort)neg[rng.NextInt(neg.Length)]);
        }
        return [.. draws];
    }

    // Both sides sum in double in different orders; 1e-12 relative is far above that and far below any metric change.
    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(Math.Abs(expected), 1e-300),
            FormattableString.Invariant($"{what}: {actual:R} vs numpy {expected:R}"));
}
