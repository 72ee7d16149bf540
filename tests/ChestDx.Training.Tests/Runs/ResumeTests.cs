using System.IO.Compression;
using ChestDx.Core;
using ChestDx.Core.Progress;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;

namespace ChestDx.Training.Tests.Runs;

/// <summary>
/// An interrupted run continued with --resume ends with the same weights, bit for bit, as an uninterrupted one (CPU,
/// fixed seed): model, Adam state, plateau schedule, early-stopping counters, dropout RNG, data order and augmentation
/// all carry over. The recipe here turns on everything that has state: dropout, affine augmentation, pos_weight,
/// a plateau schedule that lowers the learning rate during the run.
/// </summary>
public class ResumeTests
{
    private static TrainConfig Config(string pack) => TrainerTests.TinyConfig(pack) with
    {
        Epochs = 3,
        Model = TestNets.Tiny(2) with { DropRate = 0.2 },
        AffineDegrees = 10, AffineTranslate = 0.05, AffineScale = 0.05,
        PosWeight = true,
        PlateauPatience = 0,
        PlateauThreshold = 0.5, // only halving the loss counts as progress, so the learning rate drops during the run
        LearningRate = 3e-3,
    };

    [Fact]
    public void Stopping_after_epoch_1_and_resuming_gives_the_uninterrupted_weights_bit_for_bit()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 40, val: 16);

        TrainResult whole = Trainer.Run(Config(pack), dir.File("whole"), new TrainOptions(), NullProgressSink.Instance);

        TrainResult first = Trainer.Run(
            Config(pack), dir.File("split"), new TrainOptions { StopAfterEpochs = 1 }, NullProgressSink.Instance);
        Assert.True(first.Interrupted);
        Assert.Equal(1, first.State.Epoch);
        Assert.False(File.Exists(first.Run.Model));
        TrainResult resumed = Trainer.Resume(dir.File("split"), [], new TrainOptions(), NullProgressSink.Instance);

        AssertSameRun(whole, resumed);
    }

    [Fact]
    public void Cancelling_mid_epoch_and_resuming_gives_the_uninterrupted_weights_bit_for_bit()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 40, val: 16);
        TrainResult whole = Trainer.Run(Config(pack), dir.File("whole"), new TrainOptions(), NullProgressSink.Instance);

        using var cancel = new CancellationTokenSource();
        var killer = new CancelOnStep(cancel, "epoch 2/3 training", stepsBeforeCancel: 1);
        Assert.ThrowsAny<OperationCanceledException>(
            () => Trainer.Run(Config(pack), dir.File("split"), new TrainOptions(), killer, cancel.Token));
        Assert.Equal(1, Checkpoint.ReadHeader(new RunDirectory(dir.File("split")).LastCheckpoint).State.Epoch);

        TrainResult resumed = Trainer.Resume(dir.File("split"), [], new TrainOptions(), NullProgressSink.Instance);
        AssertSameRun(whole, resumed);
    }

    [Fact]
    public void Resume_may_extend_the_epochs_but_not_change_the_recipe()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 32, val: 16);
        Trainer.Run(Config(pack) with { Epochs = 1 }, dir.File("run"), new TrainOptions(), NullProgressSink.Instance);

        var e = Assert.Throws<ChestDxException>(() =>
            Trainer.Resume(dir.File("run"), [new("learning_rate", "0.1"), new("model.growth_rate", "4")],
                new TrainOptions(), NullProgressSink.Instance));
        Assert.Contains("cannot change learning_rate, model.growth_rate when resuming", e.Message);

        TrainResult more =
            Trainer.Resume(dir.File("run"), [new("epochs", "2")], new TrainOptions(), NullProgressSink.Instance);
        Assert.Equal(2, more.State.Epoch);
        Assert.Equal(2, File.ReadAllLines(more.Run.Metrics).Length - 1);
    }

    private static void AssertSameRun(TrainResult expected, TrainResult actual)
    {
        Assert.Equal(expected.State.Epoch, actual.State.Epoch);
        Assert.Equal(expected.State.LearningRates, actual.State.LearningRates);
        Assert.True(expected.State.LearningRates[0] < 3e-3,
            "the plateau schedule should have lowered the learning rate during the run");
        Assert.Equal(File.ReadAllBytes(expected.Run.Model), File.ReadAllBytes(actual.Run.Model));
        Assert.Equal(Entry(expected.Run.LastCheckpoint, "model.safetensors"),
            Entry(actual.Run.LastCheckpoint, "model.safetensors"));
        Assert.Equal(Entry(expected.Run.LastCheckpoint, "optimizer.bin"),
            Entry(actual.Run.LastCheckpoint, "optimizer.bin"));
        Assert.Equal(Entry(expected.Run.LastCheckpoint, "dropout_rng.bin"),
            Entry(actual.Run.LastCheckpoint, "dropout_rng.bin"));
        Assert.Equal(WithoutTimings(expected.Run.Metrics), WithoutTimings(actual.Run.Metrics));
    }

    private static byte[] Entry(string checkpoint, string name)
    {
        using ZipArchive zip = ZipFile.OpenRead(checkpoint);
        using var copy = new MemoryStream();
        using (Stream s = zip.GetEntry(name)!.Open()) s.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>metrics.csv without the seconds and images/s columns, which measure the machine, not the run.</summary>
    private static string[] WithoutTimings(string path) =>
        File.ReadAllLines(path)
            .Select(l => string.Join(',', l.Split(',') is var f ? f[..^3].Append(f[^1]) : [])).ToArray();

    /// <summary>
    /// Cancels the run after a given number of steps of the named task, like a kill in the middle of an epoch.
    /// </summary>
    private sealed class CancelOnStep(CancellationTokenSource cancel, string task, int stepsBeforeCancel)
        : IProgressSink
    {
        private readonly CancellationTokenSource _cancel = cancel;
        private readonly int _limit = stepsBeforeCancel;
        private int _steps;

        public IProgressTask Start(string description, long total) => new Task(this, description == task);
        public void Info(string message) { }
        public void Warn(string message) { }

        private sealed class Task(CancelOnStep owner, bool watched) : IProgressTask
        {
            public void Advance(long steps = 1)
            {
                if (watched && Interlocked.Increment(ref owner._steps) >= owner._limit) owner._cancel.Cancel();
            }
            public void Describe(string description) { }
            public void Dispose() { }
        }
    }
}
