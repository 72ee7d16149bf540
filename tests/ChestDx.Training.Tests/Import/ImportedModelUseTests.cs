using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Training.Import;
using ChestDx.Training.Inference;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using TorchSharp;
using static ChestDx.Training.Tests.Import.ImportFixtures;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Import;

/// <summary>
/// An imported torchxrayvision model used by predict (1-channel input, xrv scaling, op_norm) and as the start of
/// fine-tuning (heads matched by class name, 1-channel stem trained, the run's model file keeps the input scaling).
/// </summary>
public class ImportedModelUseTests
{
    private static string ImportXrv(TestNets.TempDir dir)
    {
        string model = dir.File("xrv.safetensors");
        ModelImport.Run(new ModelImportRequest
        {
            Source = File("xrv_tiny_state_dict.safetensors"), Output = model, WeightsKey = XrvWeightsKey.All,
        });
        return model;
    }

    [Fact]
    public void Predict_scales_pack_images_as_xrv_on_one_channel_and_applies_op_norm_stating_it_in_the_file()
    {
        using var dir = new TestNets.TempDir();
        string model = ImportXrv(dir);
        string pack = TinyPack.Create(dir.File("pack"), size: 224, train: 0, val: 0, test: 2);
        string csv = dir.File("predictions.csv");

        PredictionOutcome outcome = PredictionRun.Run(new PredictionRequest
        {
            Model = model, Inputs = [pack], Output = csv, Device = DeviceChoice.Cpu,
            Options = new PredictOptions { OperatingPoints = true, CamDirectory = dir.File("cams"), CamTop = 1 },
        }, NullProgressSink.Instance);

        Assert.True(outcome.OperatingPoints);
        Assert.Equal(2, outcome.Result.CamFiles); // class activation maps drawn on the xrv-scaled input
        Assert.Equal(2, Directory.GetFiles(dir.File("cams"), "*.png").Length);
        Assert.Equal(PredictionsCsv.OperatingPointIdHeader, System.IO.File.ReadLines(csv).First().Split(',')[0]);
        PredictionTable table = PredictionTable.Read(csv);
        // Independent expectation: the float definition of xrv scaling, the network on that tensor, sigmoid, op_norm.
        using var source = new PackImageSource(pack, null);
        ModelPackage package = ModelPackage.Read(model);
        int i = 0;
        foreach (SourceImage image in source.Read(CancellationToken.None))
        {
            float[] grey = image.Pixels.Select(p => p / 255f).ToArray();
            var x = new float[grey.Length];
            PixelScaling.Apply(InputScaling.Xrv, 1, grey, x);
            using Tensor input = torch.tensor(x).view(1, 1, 224, 224);
            float[] expected = Sigmoid(LogitsOn(model, input));
            OperatingPointNorm.Apply(expected, package.OperatingPoints!);
            float[] actual = table.Scores.Select(column => (float)column[i]).ToArray();
            AssertClose(expected, actual, $"image {image.ImageId}");
            i++;
        }
        Assert.Equal(2, i);
    }

    [Fact]
    public void Fine_tuning_from_imported_xrv_keeps_matched_heads_trains_the_one_channel_stem_and_keeps_xrv_input()
    {
        using var dir = new TestNets.TempDir();
        string model = ImportXrv(dir);
        // "Effusion" is xrv output 7; "Stripes" is new; xrv's other 17 classes are dropped.
        string pack = TinyPack.Create(dir.File("pack"), train: 32, val: 16, names: ["Effusion", "Stripes"]);

        // At the start: the matched head is the file's row, the stem is the file's 1-channel conv0.
        using (var start = new DenseNet(TestNets.Tiny(classes: 2), seed: 42, inputChannels: 1))
        using (StateDict file = SafeTensors.Read(model))
        {
            WeightsReport report = PretrainedWeights.Load(start, model, headSeed: 43,
                Core.Classes.ClassSet.FromNames(["Effusion", "Stripes"]));
            Assert.Equal(HeadSource.MatchedByName, report.Head);
            Assert.Equal(["Effusion"], report.HeadClasses!.Kept);
            Assert.Equal(["Stripes"], report.HeadClasses.New);
            Assert.Equal(17, report.HeadClasses.Dropped.Count);
            Assert.Equal((1, InputScaling.Xrv), (report.InputChannels, report.InputScaling));
            Assert.True(TestNets.Equal(file["classifier.weight"][7], start.Classifier.weight![0]));
            Assert.True(TestNets.Equal(file["classifier.bias"][7], start.Classifier.bias![0]));
            Assert.True(TestNets.Equal(file["features.conv0.weight"], start.state_dict()["features.conv0.weight"]));
        }

        var progress = new RecordingProgressSink();
        TrainResult result = Trainer.Run(Runs.TrainerTests.TinyConfig(pack) with { Epochs = 3, Weights = model },
            dir.File("run"), new TrainOptions(), progress);

        IReadOnlyList<EpochMetrics> h = result.State.History;
        Assert.True(h[^1].TrainLoss < h[0].TrainLoss, $"train loss {h[0].TrainLoss} → {h[^1].TrainLoss}");
        ModelPackage trained = ModelPackage.Read(result.Run.Model);
        Assert.Equal((1, InputScaling.Xrv), (trained.InputChannels, trained.InputScaling));
        Assert.Equal(["Effusion", "Stripes"], trained.Classes);
        using StateDict exported = SafeTensors.Read(result.Run.Model);
        using StateDict imported = SafeTensors.Read(model);
        Assert.Equal([16L, 1, 7, 7], exported["features.conv0.weight"].shape);
        Assert.False(TestNets.Equal(imported["features.conv0.weight"], exported["features.conv0.weight"]),
            "the 1-channel stem was trained");
    }
}
