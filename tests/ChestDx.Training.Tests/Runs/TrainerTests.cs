using System.Globalization;
using System.Text.Json;
using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;
using ChestDx.Training.Weights;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Runs;

/// <summary>The training loop end to end on a tiny pack and a tiny DenseNet (CPU, seconds).</summary>
public class TrainerTests
{
    internal static TrainConfig TinyConfig(string pack, int classes = 2) => new()
    {
        Data = pack,
        InputSize = 32,
        Model = TestNets.Tiny(classes),
        Epochs = 6,
        BatchSize = 16,
        Device = DeviceChoice.Cpu,
        Threads = 1, // the test machine is shared; one OpenMP thread does not stall on preempted siblings
        EarlyStoppingPatience = 0,
        Seed = 42,
    };

    [Fact]
    public void Loss_falls_and_validation_auroc_rises_on_separable_classes()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 96, val: 48);
        var progress = new RecordingProgressSink();

        TrainResult result =
            Trainer.Run(TinyConfig(pack) with { Epochs = 8 }, dir.File("run"), new TrainOptions(), progress);

        IReadOnlyList<EpochMetrics> h = result.State.History;
        Assert.Equal(8, h.Count);
        Assert.True(h[^1].TrainLoss < h[0].TrainLoss * 0.8, $"train loss {h[0].TrainLoss} → {h[^1].TrainLoss}");
        Assert.True(h.Max(m => m.ValMeanAuroc!.Value) >= 0.95, "best val AUROC " + h.Max(m => m.ValMeanAuroc));
        Assert.True(h.Max(m => m.ValMeanAuroc!.Value) > h[0].ValMeanAuroc!.Value);
        Assert.Equal("epochs", result.State.Finished);
        Assert.Contains(progress.Warnings, w => w.StartsWith("no --weights", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_directory_holds_config_metrics_checkpoints_model_and_card()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"));
        TrainResult result = Trainer.Run(
            TinyConfig(pack) with { Epochs = 2, Freeze = FreezePolicy.FreezeUntil("denseblock1") }, dir.File("run"),
            new TrainOptions(), NullProgressSink.Instance);
        RunDirectory run = result.Run;

        foreach (string f in new[]
            { run.Config, run.Metrics, run.LastCheckpoint, run.BestCheckpoint, run.Model, run.ModelCard })
            Assert.True(File.Exists(f), f);

        string[] metrics = File.ReadAllLines(run.Metrics);
        Assert.Equal("epoch,lr,train_loss,val_loss,val_mean_auroc,val_auroc_Disc,val_auroc_Stripes,train_val_gap,"
            + "seconds,train_images_per_s,best", metrics[0]);
        Assert.Equal(3, metrics.Length);
        string[] first = metrics[1].Split(',');
        Assert.Equal("1", first[0]);
        Assert.Equal(0.001, double.Parse(first[1], CultureInfo.InvariantCulture));

        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(run.Config));
        JsonElement facts = config.RootElement.GetProperty("derived").GetProperty("facts");
        using (var model = new DenseNet(TestNets.Tiny(2)))
        {
            long total = model.parameters().Sum(p => p.numel());
            Assert.Equal(total, facts.GetProperty("total_parameters").GetInt64());
            Assert.True(facts.GetProperty("trainable_parameters").GetInt64() < total);
        }
        Assert.Equal("until:denseblock1", facts.GetProperty("freeze").GetString());
        // The run's config.json is itself a valid --config file (its "derived" block is skipped).
        TrainConfig reloaded = TrainConfigLoader.Load(run.Config, []);
        Assert.Empty(TrainConfigLoader.Differences(result.Config, reloaded));

        using StateDict exported = SafeTensors.Read(run.Model);
        ModelPackage package = ModelPackage.FromMetadata(exported.Metadata, run.Model);
        Assert.Equal(TinyPack.Classes, package.Classes);
        Assert.Equal(32, package.InputSize);
        Assert.Equal(TestNets.Tiny(2), package.Architecture);

        using JsonDocument card = JsonDocument.Parse(File.ReadAllText(run.ModelCard));
        Assert.Equal(64, card.RootElement.GetProperty("data").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(2, card.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.Equal("2.10.0", card.RootElement.GetProperty("software").GetProperty("lib_torch").GetString());

        // Core's reader of the card (reports' provenance, the pipeline-check disclaimer) reads what the trainer wrote:
        // a renamed key would otherwise leave the report's model summary silently empty.
        ModelCardSummary summary = ModelCardSummary.Beside(run.Model)!;
        JsonElement data = card.RootElement.GetProperty("data");
        Assert.Equal(data.GetProperty("sha256").GetString(), summary.PackSha256);
        Assert.Equal(data.GetProperty("train_images").GetInt32(), summary.TrainImages);
        Assert.True(summary.TrainImages > 0);
        Assert.Equal(data.GetProperty("val_images").GetInt32(), summary.ValImages);
        Assert.Equal("pack", summary.Pack);
        Assert.Equal(2, summary.Epochs);
        Assert.Equal(card.RootElement.GetProperty("best_epoch").GetInt32(), summary.BestEpoch);
        Assert.Equal(card.RootElement.GetProperty("created").GetString(), summary.Created);
    }

    [Fact]
    public void Early_stopping_ends_a_run_whose_validation_loss_stops_improving()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 32, val: 16, aspect: AspectMode.Crop);
        var progress = new RecordingProgressSink();
        // A frozen backbone (BatchNorm statistics included) and steps below float32 resolution: validation loss stays
        // exactly where it was after epoch 1, so patience 2 ends the run after epoch 3.
        TrainResult result = Trainer.Run(
            TinyConfig(pack) with
            {
                Epochs = 8, Freeze = FreezePolicy.Features, LearningRate = 1e-12, EarlyStoppingPatience = 2,
            },
            dir.File("run"), new TrainOptions(), progress);

        Assert.Equal("early-stopping", result.State.Finished);
        int best = result.Card!.BestEpoch;
        Assert.Equal(1, best);
        Assert.Equal(3, result.State.Epoch);
        Assert.Contains(progress.Warnings,
            w => w.StartsWith($"stopped early after epoch {best + 2}", StringComparison.Ordinal));
        using StateDict exported = SafeTensors.Read(result.Run.Model);
        // from pack.json's settings
        Assert.Equal(AspectMode.Crop, ModelPackage.FromMetadata(exported.Metadata, result.Run.Model).Aspect);
    }

    [Fact]
    public void A_run_directory_in_use_is_not_overwritten()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"));
        Trainer.Run(
            TinyConfig(pack) with { Epochs = 1 }, dir.File("run"), new TrainOptions(), NullProgressSink.Instance);
        var e = Assert.Throws<ChestDxException>(() => Trainer.Run(
            TinyConfig(pack) with { Epochs = 1 }, dir.File("run"), new TrainOptions(), NullProgressSink.Instance));
        Assert.Contains("--resume", e.Message);
    }
}
