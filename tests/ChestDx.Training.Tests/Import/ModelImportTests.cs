using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Training.Import;
using ChestDx.Training.Weights;
using static ChestDx.Training.Tests.Import.ImportFixtures;

namespace ChestDx.Training.Tests.Import;

/// <summary>
/// Each checkpoint format of tests/data/model-import imports into a ChestDx model file that reproduces the source
/// framework's outputs on the fixture's own input x (made by PyTorch and torchxrayvision's code), within 1e-5.
/// </summary>
public class ModelImportTests
{
    private static ModelImportOutcome Import(string source, string output, ModelSourceFormat? format = null,
        XrvWeightsKey? key = null) =>
        ModelImport.Run(new ModelImportRequest
        {
            Source = File(source), Output = output, Format = format, WeightsKey = key, Python = PythonOrNull(),
        });

    private static string? PythonOrNull() => System.IO.File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;

    [Fact]
    public void Xrv_state_dict_safetensors_reproduces_logits_probabilities_and_op_norm_of_all_and_nih()
    {
        using var dir = new TestNets.TempDir();
        string all = dir.File("xrv-all.safetensors"), nih = dir.File("xrv-nih.safetensors");
        ModelImportOutcome outcome = Import("xrv_tiny_state_dict.safetensors", all, key: XrvWeightsKey.All);
        Import("xrv_tiny_state_dict.safetensors", nih, key: XrvWeightsKey.Nih);

        Assert.False(outcome.ConvertedWithPython);
        AssertXrvPackage(ModelPackage.Read(all), "xrv_tiny_state_dict.safetensors");
        AssertXrvOutputs(all, nih);
    }

    [SkippableFact]
    public void Xrv_whole_module_pickle_loads_without_torchxrayvision_and_reproduces_its_outputs()
    {
        Skip.IfNot(PythonWithTorch(), NeedsPython);
        using var dir = new TestNets.TempDir();
        string all = dir.File("all.safetensors"), nih = dir.File("nih.safetensors");
        ModelImportOutcome outcome = Import("xrv_tiny_module.pt", all, key: XrvWeightsKey.All);
        Import("xrv_tiny_module.pt", nih, ModelSourceFormat.Xrv, XrvWeightsKey.Nih);

        Assert.True(outcome.ConvertedWithPython);
        AssertXrvPackage(ModelPackage.Read(all), "xrv_tiny_module.pt");
        AssertXrvOutputs(all, nih);
    }

    [SkippableTheory]
    [InlineData("chexnet_tiny_checkpoint.pth.tar", "chexnet_tiny_io.safetensors", ModelSourceFormat.Chexnet, 256)]
    [InlineData("jrzech_tiny_checkpoint", "jrzech_tiny_io.safetensors", ModelSourceFormat.Jrzech, 224)]
    public void CheXNet_reproduction_checkpoint_imports_with_its_sigmoid_removed_and_reproduces_its_probabilities(
        string checkpoint, string io, ModelSourceFormat format, int imageSize)
    {
        Skip.IfNot(PythonWithTorch(), NeedsPython);
        using var dir = new TestNets.TempDir();
        string model = dir.File("model.safetensors");
        Import(checkpoint, model); // format detected

        ModelPackage p = ModelPackage.Read(model);
        Assert.Equal(format, p.Source!.Format);
        Assert.True(p.Source.SigmoidRemoved);
        Assert.Equal(ClassSet.ChestXray14, p.ClassSet);
        Assert.Equal((3, InputScaling.Imagenet, 224, imageSize), (p.InputChannels, p.InputScaling, p.InputSize,
            p.ImageSize));
        using StateDict reference = SafeTensors.Read(File(io));
        // The checkpoint's outputs are probabilities (Sigmoid inside); the file's are logits, sigmoid applied once.
        AssertClose(Values(reference, "probs"), Sigmoid(LogitsOn(model, reference["x"])), "probs");
        using StateDict written = SafeTensors.Read(model);
        Assert.False(written.ContainsKey("classifier.0.weight"));
        // The tiny net's full state_dict: 21 BatchNorms × 5 (num_batches_tracked added for 2017-era files), 20 convs,
        // the classifier's weight and bias.
        Assert.Equal(21 * 5 + 20 + 2, written.Count);
    }

    [Fact]
    public void Full_size_xrv_key_list_matches_a_one_channel_18_class_DenseNet121_built_by_ChestDx()
    {
        string[] lines = System.IO.File.ReadAllLines(File("xrv_densenet121_state_dict.tsv"));
        Assert.Equal("key\tshape", lines[0]);
        var expected = lines.Skip(1).Select(l => l.Split('\t')).Select(f => (f[0], f[1])).ToList();
        using var net = new ChestDx.Training.Model.DenseNet(DenseNetConfig.DenseNet121(18), inputChannels: 1);
        var actual = ModuleState.Ordered(net)
            .Select(kv => (kv.Key, kv.Value.shape.Length == 0 ? "scalar" : string.Join("x", kv.Value.shape)))
            .ToList();
        Assert.Equal(727, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_pickle_without_Python_fails_with_one_line_giving_the_command_to_run_elsewhere()
    {
        using var dir = new TestNets.TempDir();
        var e = Assert.Throws<ChestDxException>(() => ModelImport.Run(new ModelImportRequest
        {
            Source = File("xrv_tiny_module.pt"), Output = dir.File("m.safetensors"), Format = ModelSourceFormat.Xrv,
            Python = "/nonexistent/python3",
        }));
        Assert.StartsWith(File("xrv_tiny_module.pt"), e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Contains("python3 scripts/convert_torchvision_weights.py " + File("xrv_tiny_module.pt")
            + " xrv_tiny_module.converted.safetensors --format xrv", e.Message);
        Assert.False(System.IO.File.Exists(dir.File("m.safetensors")));
    }

    [Theory]
    [InlineData("nih-pc-chex-mimic_ch-google-openi-kaggle-densenet121-d121-tw-lr001-rot45-tr15-sc15-seed0-best.pt",
        XrvWeightsKey.All)]
    [InlineData("nih-densenet121-d121-tw-lr001-rot45-tr15-sc15-seed0-best.pt", XrvWeightsKey.Nih)]
    [InlineData("kaggle-densenet121-d121-tw-lr001-rot45-tr15-sc15-seed0-best.pt", XrvWeightsKey.Rsna)]
    [InlineData("mimic_nb-densenet121-d121-tw-lr001-rot45-tr15-sc15-seed0-best.pt", XrvWeightsKey.MimicNb)]
    [InlineData("my-model.pt", null)]
    public void Released_xrv_file_names_give_their_weights_key(string name, XrvWeightsKey? key) =>
        Assert.Equal(key, XrvOperatingPoints.FromFileName("/downloads/" + name));

    private static void AssertXrvPackage(ModelPackage p, string sourceName)
    {
        Assert.Equal(ClassSet.TorchXrayVision, p.ClassSet);
        Assert.Equal("xrv18", p.ClassSetId);
        Assert.Equal((1, InputScaling.Xrv), (p.InputChannels, p.InputScaling));
        Assert.Equal((224, 224, EvalCrop.Resize, AspectMode.Crop), (p.InputSize, p.ImageSize, p.EvalCrop, p.Aspect));
        Assert.Equal(ModelSourceFormat.Xrv, p.Source!.Format);
        Assert.Equal(sourceName, p.Source.File);
        Assert.Equal(WeightFile.Sha256(File(sourceName)), p.Source.Sha256);
        Assert.False(p.Source.SigmoidRemoved);
        Assert.Equal(18, p.OperatingPoints!.Count);
    }

    private static void AssertXrvOutputs(string allModel, string nihModel)
    {
        using StateDict reference = SafeTensors.Read(File("xrv_tiny_io.safetensors"));
        float[] logits = LogitsOn(allModel, reference["x"]);
        AssertClose(Values(reference, "logits"), logits, "logits");
        float[] probs = Sigmoid(logits);
        AssertClose(Values(reference, "probs"), probs, "probs");
        foreach ((string model, string key) in new[] { (allModel, "all"), (nihModel, "nih") })
        {
            IReadOnlyList<double> points = ModelPackage.Read(model).OperatingPoints!;
            // The stored operating points are torchxrayvision's (as float32, what its op_norm used).
            float[] published = Values(reference, "op_threshs_" + key);
            Assert.Equal(published.Select(v => float.IsNaN(v) ? "NaN" : v.ToString("R")),
                points.Select(v => double.IsNaN(v) ? "NaN" : ((float)v).ToString("R")));
            float[] normed = probs.ToArray();
            OperatingPointNorm.Apply(normed, points);
            AssertClose(Values(reference, "op_norm_" + key), normed, "op_norm_" + key);
        }
    }
}
