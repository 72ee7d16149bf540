using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Training.Inference;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;

namespace ChestDx.Training.Tests.Runs;

/// <summary>Training and predict follow the pack's class set, not the 14 ChestX-ray14 classes.</summary>
public class ClassSetTrainingTests
{
    [Fact]
    public void A_three_class_pack_trains_three_heads_and_predicts_its_own_class_names()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), withUnknown: true); // Disc, Stripes, Unknown
        // num_classes 0, the default: the config states no class count, the pack decides.
        TrainConfig config = TrainerTests.TinyConfig(pack) with { Epochs = 1, Model = TestNets.Tiny(classes: 0) };

        TrainResult result = Trainer.Run(config, dir.File("run"), new TrainOptions(), NullProgressSink.Instance);

        Assert.Equal(3, result.Config.Model.NumClasses);
        Assert.Equal(3, result.State.History[0].ValAuroc.Count);
        using (StateDict exported = SafeTensors.Read(result.Run.Model))
        {
            Assert.Equal([3L, 32L], exported["classifier.weight"].shape);
            ModelPackage package = ModelPackage.FromMetadata(exported.Metadata, result.Run.Model);
            Assert.Equal(["Disc", "Stripes", "Unknown"], package.Classes);
            Assert.Equal(ClassSet.CustomId, exported.Metadata["chestdx.class_set"]);
        }
        // A resumed or restarted run reads num_classes 3 back from config.json.
        Assert.Equal(3, TrainConfigLoader.Load(result.Run.Config, []).Model.NumClasses);

        using var predictor = Predictor.Load(result.Run.Path, DeviceChoice.Cpu, NullProgressSink.Instance);
        using var source = new PackImageSource(pack, "val");
        PredictResult predicted = predictor.Predict(source, new PredictOptions(), NullProgressSink.Instance);
        Assert.All(predicted.Rows, r => Assert.Equal(3, r.Probabilities.Length));
        string csv = dir.File("predictions.csv");
        PredictionsCsv.Write(csv, predicted.Classes, predicted.Rows);
        Assert.Equal("image_id,Disc,Stripes,Unknown", File.ReadLines(csv).First());
    }

    [Fact]
    public void A_num_classes_that_contradicts_the_pack_is_an_error_naming_the_pack()
    {
        using var dir = new TestNets.TempDir();
        string pack = TinyPack.Create(dir.File("pack"), train: 16, val: 16);
        var e = Assert.Throws<ChestDxException>(() => Trainer.Run(
            TrainerTests.TinyConfig(pack, classes: 14) with { Epochs = 1 },
            dir.File("run"), new TrainOptions(), NullProgressSink.Instance));
        Assert.StartsWith(pack, e.Message);
        Assert.Contains("2 classes but model.num_classes is 14", e.Message);
    }

    [Fact]
    public void A_network_is_not_built_without_a_class_count()
    {
        Assert.Throws<ArgumentException>(() => new DenseNet(TestNets.Tiny(classes: 0)));
    }
}
