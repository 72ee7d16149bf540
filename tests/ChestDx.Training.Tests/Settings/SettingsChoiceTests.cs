using System.Text.Json;
using System.Text.Json.Nodes;
using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Packs;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;
using ChestDx.Training.Weights;

namespace ChestDx.Training.Tests.Settings;

/// <summary>
/// The closed training choices are enums parsed once from JSON or the command line, yet config.json keeps the strings
/// earlier versions wrote, and a config.json written before the change (tests/data/training-config) still loads.
/// </summary>
public class SettingsChoiceTests
{
    private static readonly string OldConfig =
        Path.Combine(AppContext.BaseDirectory, "data", "training-config", "config-before-issue13.json");

    [Fact]
    public void Choice_names_are_the_strings_config_json_has_always_held()
    {
        Assert.Equal(["random", "resize"], Choice<TrainCrop>.Names);
        Assert.Equal(["center", "resize"], Choice<EvalCrop>.Names);
        Assert.Equal(["auto", "cpu", "cuda"], Choice<DeviceChoice>.Names);
        Assert.Equal(["auto", "fp32", "bf16"], Choice<PrecisionChoice>.Names);
        Assert.Equal(["auto", "on", "off"], Choice<AutoSwitch>.Names);
        Assert.Equal(["none", "scratch"], Choice<BaselineRun>.Names);
        Assert.Equal(["pad", "crop"], Choice<AspectMode>.Names);
        Assert.Equal("auto, cpu or cuda", Choice<DeviceChoice>.Expected);
    }

    [Fact]
    public void A_config_json_written_before_the_enums_loads_with_its_values()
    {
        TrainConfig c = TrainConfigLoader.Load(OldConfig, []);
        Assert.Equal((TrainCrop.Resize, EvalCrop.Resize), (c.TrainCrop, c.EvalCrop));
        Assert.Equal((DeviceChoice.Cpu, PrecisionChoice.Fp32), (c.Device, c.Precision));
        Assert.Equal((AutoSwitch.Off, AutoSwitch.Off), (c.ChannelsLast, c.DataOnDevice));
        Assert.Equal((FreezePolicy.None, BaselineRun.None), (c.Freeze, c.Baseline));
        Assert.Equal((32, 2, 4), (c.InputSize, c.BatchSize, c.Model.GrowthRate));
    }

    [Fact]
    public void The_old_config_json_is_written_back_byte_for_byte_less_the_leaked_freeze_policy_object()
    {
        string text = File.ReadAllText(OldConfig);
        var old = (JsonObject)JsonNode.Parse(text)!;
        Assert.True(old.Remove(TrainConfig.LegacyFreezePolicyKey)); // the fixture does hold it
        JsonNode derived = old[TrainConfigLoader.DerivedKey]!.DeepClone();
        string expected = old.ToJsonString(TrainConfigLoader.Json);

        string written = TrainConfigLoader.ToJson(TrainConfigLoader.Load(OldConfig, []), derived);
        Assert.Equal(expected, written);
        Assert.Equal(text.ReplaceLineEndings("\n"), InsertLegacyBlock(written) + "\n");
    }

    [Fact]
    public void A_checkpoint_config_with_the_legacy_key_deserialises_directly()
    {
        // Checkpoints embed config.json without the derived block and read it with the same options
        // (Checkpoint.ReadConfig).
        var old = (JsonObject)JsonNode.Parse(File.ReadAllText(OldConfig))!;
        old.Remove(TrainConfigLoader.DerivedKey);
        TrainConfig c = old.Deserialize<TrainConfig>(TrainConfigLoader.Json)!;
        Assert.Equal(EvalCrop.Resize, c.EvalCrop);
        Assert.DoesNotContain(TrainConfig.LegacyFreezePolicyKey, TrainConfigLoader.ToJson(c));
    }

    [Theory]
    [InlineData("""{ "data": "x", "train_crop": 1 }""", "config: train_crop: expected a string: random or resize")]
    [InlineData("""{ "data": "x", "eval_crop": "Center" }""", "config: eval_crop: 'Center' is not center or resize")]
    [InlineData("""{ "data": "x", "precision": "fp16" }""", "config: precision: 'fp16' is not auto, fp32 or bf16")]
    [InlineData("""{ "data": "x", "channels_last": true }""",
        "config: channels_last: expected a string: auto, on or off")]
    [InlineData("""{ "data": "x", "baseline": "imagenet" }""", "config: baseline: 'imagenet' is not none or scratch")]
    public void Numbers_other_casing_and_unknown_names_are_refused_naming_the_key(string json, string expected)
    {
        using var dir = new TestNets.TempDir();
        string file = dir.File("bad.json");
        File.WriteAllText(file, json);
        var e = Assert.Throws<ChestDxException>(() => TrainConfigLoader.Load(file, []));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Set_overrides_parse_choices_and_freeze_policies()
    {
        TrainConfig c = TrainConfigLoader.Load(null,
            [new("data", "x"), new("device", "cuda"), new("data_on_device", "on"), new("freeze", "until:denseblock3"),
                new("eval_crop", "resize")]);
        Assert.Equal((DeviceChoice.Cuda, AutoSwitch.On, EvalCrop.Resize), (c.Device, c.DataOnDevice, c.EvalCrop));
        Assert.Equal("denseblock3", c.Freeze.Until);
        Assert.Contains("\"freeze\": \"until:denseblock3\"", TrainConfigLoader.ToJson(c));
    }

    [Fact]
    public void Model_metadata_keeps_its_strings_and_refuses_an_unknown_crop()
    {
        var package = new ModelPackage
        {
            Architecture = ChestDx.Core.Models.DenseNetConfig.DenseNet121(1), Classes = ["A"], InputSize = 224,
            ImageSize = 256,
            EvalCrop = EvalCrop.Center, Aspect = AspectMode.Crop,
        };
        Dictionary<string, string> metadata = package.ToMetadata();
        Assert.Equal(("center", "crop"), (metadata["chestdx.eval_crop"], metadata["chestdx.aspect"]));
        Assert.Equal((EvalCrop.Center, AspectMode.Crop),
            (ModelPackage.FromMetadata(metadata, "m").EvalCrop, ModelPackage.FromMetadata(metadata, "m").Aspect));

        metadata.Remove("chestdx.aspect"); // files exported before the aspect was recorded
        Assert.Equal(AspectMode.Pad, ModelPackage.FromMetadata(metadata, "m").Aspect);

        metadata["chestdx.eval_crop"] = "centre";
        var e = Assert.Throws<ChestDxException>(() => ModelPackage.FromMetadata(metadata, "m.safetensors"));
        Assert.Contains(
            "m.safetensors: damaged ChestDx model metadata (chestdx.eval_crop 'centre' is not center or resize)",
            e.Message);
    }

    [Fact]
    public void Pack_json_aspect_reads_and_writes_pad_or_crop_only()
    {
        static PackInfo Read(string aspect) =>
            JsonSerializer.Deserialize<PackInfo>(
                $$"""{ "settings": { "aspect": "{{aspect}}" } }""", PackInfo.JsonOptions)!;
        Assert.Equal(AspectMode.Crop, Read("crop").Settings!.Aspect);
        Assert.Contains("\"aspect\": \"crop\"", Read("crop").ToJson());
        Assert.Contains("'Crop' is not pad or crop", Assert.Throws<JsonException>(() => Read("Crop")).Message);
    }

    private static string InsertLegacyBlock(string written) =>
        written.Replace("\n  \"derived\":",
            "\n  \"freeze_policy\": {\n    \"text\": \"none\",\n    \"until\": null\n  },\n  \"derived\":",
            StringComparison.Ordinal);
}
