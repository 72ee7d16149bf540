using ChestDx.Core.Progress;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;
using ChestDx.Training.Weights;
using TorchSharp;

namespace ChestDx.Training.Tests.Runs;

/// <summary>Runs that start from pretrained weights, with and without the from-scratch baseline.</summary>
public class TransferRunTests
{
    [Fact]
    public void Pretrained_weights_are_loaded_reported_and_recorded_in_the_model_card()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 32, val: 16);
        string weights = dir.File("imagenet.safetensors");
        using (var imagenet = new DenseNet(TestNets.Tiny(1000), seed: 5))
            SafeTensors.Write(weights, ModuleState.Ordered(imagenet));
        var progress = new RecordingProgressSink();

        TrainResult result = Trainer.Run(
            TrainerTests.TinyConfig(pack) with { Epochs = 1, Weights = weights, Freeze = FreezePolicy.Features },
            dir.File("run"), new TrainOptions(), progress);

        Assert.Contains(progress.Infos,
            m => m.StartsWith("weights: imagenet.safetensors (SafeTensors", StringComparison.Ordinal)
                && m.Contains("new head", StringComparison.Ordinal));
        Assert.DoesNotContain(progress.Warnings, w => w.StartsWith("no --weights", StringComparison.Ordinal));
        Assert.NotNull(result.Card!.WeightsDetail);
        Assert.Equal(WeightFile.Sha256(weights), result.Card.WeightsDetail!.Sha256);
        Assert.Equal(TestNets.Tiny(2).FinalFeatures * 2 + 2, result.Card.Facts.TrainableParameters); // head only

        // The frozen backbone is exactly the file's.
        using StateDict exported = SafeTensors.Read(result.Run.Model);
        using StateDict source = SafeTensors.Read(weights);
        Assert.True(TestNets.Equal(source["features.denseblock3.denselayer2.conv2.weight"],
            exported["features.denseblock3.denselayer2.conv2.weight"]));
        Assert.True(TestNets.Equal(source["features.norm5.running_var"], exported["features.norm5.running_var"]));
    }

    [Fact]
    public void Baseline_scratch_flags_negative_transfer_when_pretrained_weights_are_useless()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 64, val: 32);
        // "Pretrained" weights with every convolution zeroed: the frozen backbone outputs a constant, the head can
        // learn nothing.
        string weights = dir.File("useless.safetensors");
        using (var useless = new DenseNet(TestNets.Tiny(1000)))
        {
            using (torch.no_grad())
                foreach (var (name, p) in useless.named_parameters())
                    if (name.Contains("conv", StringComparison.Ordinal)) p.zero_();
            SafeTensors.Write(weights, ModuleState.Ordered(useless));
        }
        var progress = new RecordingProgressSink();
        TrainResult result = Trainer.Run(
            TrainerTests.TinyConfig(pack) with
            {
                Epochs = 4, Weights = weights, Freeze = FreezePolicy.Features, Baseline = BaselineRun.Scratch,
            },
            dir.File("run"), new TrainOptions(), progress);

        Assert.NotNull(result.Baseline);
        Assert.True(File.Exists(Path.Combine(result.Run.Baseline, "model.safetensors")));
        BaselineComparison comparison = result.Card!.Baseline!;
        Assert.Equal(4, comparison.Epochs);
        Assert.True(comparison.NegativeTransfer,
            $"pretrained {comparison.PretrainedBestValMeanAuroc} vs scratch {comparison.ScratchBestValMeanAuroc}");
        Assert.Contains(progress.Warnings, w => w.Contains("negative transfer", StringComparison.Ordinal));
        Assert.Contains(progress.Infos, m => m.StartsWith("baseline: ", StringComparison.Ordinal));
    }
}
