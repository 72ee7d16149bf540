using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Tests.Metrics;

/// <summary>
/// The one AUROC (<see cref="RankedScores.Auroc"/>, used by `evaluate` and by training's epoch validation) equals the
/// pairwise definition to the last bit, ties included. The deleted Metrics/Auroc.cs also summed U exactly before one
/// division, so equality with the definition is equality with what training reported before.
/// </summary>
public sealed class AurocDefinitionTests
{
    [Theory]
    [InlineData(1, 50, 4)]     // few distinct scores: most pairs are tied
    [InlineData(2, 300, 20)]
    [InlineData(3, 1000, 1000)] // almost no ties
    [InlineData(4, 7, 2)]
    public void Ranked_auroc_equals_the_pairwise_definition_exactly_with_ties(int seed, int n, int levels)
    {
        var rng = new Random(seed);
        double[] scores = new double[n];
        bool[] truth = new bool[n];
        for (int i = 0; i < n; i++)
        {
            truth[i] = rng.NextDouble() < 0.3;
            // Scores on a grid of `levels` values, positives shifted up a little: ties within and across classes.
            scores[i] = Math.Min(levels - 1, rng.Next(levels) + (truth[i] && rng.NextDouble() < 0.5 ? 1 : 0))
                / (double)levels;
        }
        double? expected = PairwiseAuroc.Of(scores, truth);
        double? actual = RankedScores.Build(scores, truth).Auroc();
        Assert.True(expected == actual, $"seed {seed}: pairwise {expected:R}, ranked {actual:R}");
    }

    [Fact]
    public void Auroc_is_undefined_without_both_classes()
    {
        Assert.Null(RankedScores.Build([0.1, 0.9], [true, true]).Auroc());
        Assert.Null(PairwiseAuroc.Of([0.1, 0.9], [false, false]));
    }
}
