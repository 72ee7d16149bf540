using ChestDx.Core;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;

namespace ChestDx.Training.Tests.Settings;

public class TrainConfigLoaderTests
{
    [Fact]
    public void Defaults_are_the_chexnet_recipe()
    {
        var c = new TrainConfig();
        Assert.Equal((224, 16, 1e-3, 0.9, 0.999, 0.1),
            (c.InputSize, c.BatchSize, c.LearningRate, c.Beta1, c.Beta2, c.PlateauFactor));
        Assert.True(c.HorizontalFlip);
        Assert.Equal(0, c.AffineDegrees);
        Assert.Equal(1024, c.Model.FinalFeatures);
        Assert.Equal(0, c.Model.NumClasses); // the pack's class count, set when training opens the pack
        Assert.Equal(FreezePolicy.None, c.Freeze);
        Assert.False(c.PosWeight);
    }

    [Fact]
    public void File_then_overrides_with_dotted_keys_lists_and_booleans()
    {
        using var dir = new TestNets.TempDir();
        string file = dir.File("c.json");
        File.WriteAllText(file, """
            {
              // comments and trailing commas are allowed
              "data": "/packs/nih",
              "epochs": 30,
              "model": { "growth_rate": 16 },
              "freeze": "until:denseblock2",
            }
            """);
        TrainConfig c = TrainConfigLoader.Load(file,
        [
            new("epochs", "5"), new("model.block_config", "2,2"), new("horizontal_flip", "off"),
            new("weights", "/w.safetensors"),
            new("learning_rate", "1e-4"),
        ]);
        Assert.Equal("/packs/nih", c.Data);
        Assert.Equal(5, c.Epochs);
        Assert.Equal(16, c.Model.GrowthRate);
        Assert.Equal([2, 2], c.Model.BlockConfig);
        Assert.False(c.HorizontalFlip);
        Assert.Equal("/w.safetensors", c.Weights);
        Assert.Equal(1e-4, c.LearningRate);
        Assert.Equal(FreezePolicy.FreezeUntil("denseblock2"), c.Freeze);
    }

    [Theory]
    [InlineData("""{ "data": "x", "learnig_rate": 0.1 }""", "unknown key 'learnig_rate'")]
    [InlineData("""{ "data": "x", "model": { "growth": 4 } }""", "unknown key 'model.growth'")]
    [InlineData("""{ "data": "x", "epochs": "ten" }""", "epochs")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{ "data": "x", """, "invalid JSON")]
    [InlineData("""{ "data": "x", "batch_size": 1 }""", "batch_size 1 is below 2")]
    [InlineData("""{ "data": "x", "freeze": "half" }""", "freeze policy 'half'")]
    public void Bad_config_files_are_explained(string json, string expected)
    {
        using var dir = new TestNets.TempDir();
        string file = dir.File("bad.json");
        File.WriteAllText(file, json);
        var e = Assert.Throws<ChestDxException>(() => TrainConfigLoader.Load(file, []));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("epoch", "5", "unknown key 'epoch'")]
    [InlineData("epochs", "5.5", "expected a whole number")]
    [InlineData("pos_weight", "maybe", "expected true or false")]
    [InlineData("model.growth_rate.x", "1", "'growth_rate' has no sub-keys")]
    [InlineData("device", "tpu", "config: device: 'tpu' is not auto, cpu or cuda")]
    [InlineData("train_crop", "Random", "config: train_crop: 'Random' is not random or resize")]
    [InlineData("freeze", "half", "freeze policy 'half' is not none, features or until:<block>")]
    public void Bad_overrides_are_explained(string key, string value, string expected)
    {
        var e = Assert.Throws<ChestDxException>(
            () => TrainConfigLoader.Load(null, [new("data", "x"), new(key, value)]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Differences_name_the_changed_keys()
    {
        var a = new TrainConfig { Data = "x" };
        var b = a with { Epochs = 3, Model = a.Model with { BnSize = 2 } };
        Assert.Equal(["epochs", "model.bn_size"], TrainConfigLoader.Differences(a, b));
        Assert.Equal("learning_rate", TrainConfigLoader.ParseAssignment("learning_rate=1e-4").Key);
        Assert.Throws<ChestDxException>(() => TrainConfigLoader.ParseAssignment("learning_rate"));
    }
}
