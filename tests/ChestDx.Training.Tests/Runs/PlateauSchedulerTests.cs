using ChestDx.Training.Runs;

namespace ChestDx.Training.Tests.Runs;

public class PlateauSchedulerTests
{
    /// <summary>
    /// The learning rates and counters PyTorch 1.13's ReduceLROnPlateau(factor=0.1, patience=1, threshold=1e-4,
    /// min_lr=2e-7) printed for this loss sequence with two Adam groups at 1e-4 and 1e-3 (Debian python3-torch):
    /// 0.89995 is within the relative threshold of 0.9, so it is not an improvement; min_lr floors the rates.
    /// </summary>
    [Fact]
    public void Follows_pytorch_reduce_lr_on_plateau_step_for_step()
    {
        double[] losses = [1.0, 0.9, 0.89995, 0.95, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
        double[][] expectedLr =
        [
            [1e-4, 1e-3], [1e-4, 1e-3], [1e-4, 1e-3], [1e-5, 1e-4], [1e-5, 1e-4], [1e-5, 1e-4],
            [1e-6, 1e-5], [1e-6, 1e-5], [2e-7, 1e-6], [2e-7, 1e-6], [2e-7, 2e-7],
        ];
        double[] expectedBest = [1.0, 0.9, 0.9, 0.9, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
        int[] expectedBad = [0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0];

        var scheduler = new PlateauScheduler(factor: 0.1, patience: 1, threshold: 1e-4, minLearningRate: 2e-7);
        double[] lr = [1e-4, 1e-3];
        for (int i = 0; i < losses.Length; i++)
        {
            scheduler.Step(losses[i], lr);
            Assert.Equal(expectedLr[i][0], lr[0], 1e-15);
            Assert.Equal(expectedLr[i][1], lr[1], 1e-15);
            Assert.Equal(expectedBest[i], scheduler.Best);
            Assert.Equal(expectedBad[i], scheduler.BadEpochs);
        }
    }

    [Fact]
    public void Patience_zero_lowers_the_rate_after_every_epoch_without_improvement_and_state_round_trips()
    {
        var a = new PlateauScheduler(0.1, 0, 1e-4, 0);
        double[] lr = [1e-3];
        Assert.False(a.Step(0.5, lr));
        Assert.True(a.Step(0.6, lr));
        Assert.Equal(1e-4, lr[0], 1e-15);

        var b = new PlateauScheduler(0.1, 0, 1e-4, 0);
        b.Restore(a.Save());
        Assert.Equal(a.Best, b.Best);
        Assert.True(b.Step(0.55, lr));
        Assert.Equal(1e-5, lr[0], 1e-15);
    }

    [Fact]
    public void Early_stopping_counts_epochs_since_the_lowest_loss()
    {
        var stop = new EarlyStopping(patience: 2);
        Assert.True(stop.Record(1, 0.5));
        Assert.False(stop.Record(2, 0.6));
        Assert.False(stop.ShouldStop);
        Assert.True(stop.Record(3, 0.4));
        Assert.False(stop.Record(4, 0.4));
        Assert.False(stop.Record(5, 0.45));
        Assert.True(stop.ShouldStop);
        Assert.Equal(3, stop.BestEpoch);
        Assert.False(new EarlyStopping(0) { }.ShouldStop);
    }
}
