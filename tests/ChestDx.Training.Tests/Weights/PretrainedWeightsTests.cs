using System.Collections;
using System.Diagnostics;
using ChestDx.Core;
using ChestDx.Training.Model;
using ChestDx.Training.Weights;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Weights;

/// <summary>
/// Importing DenseNet weights in torchvision's 2017 layout (legacy key names, no num_batches_tracked, 1000-class head),
/// from a real torch.save zip made by PyTorch 1.13 (tests/data/torchvision-weights) and from files these tests write.
/// </summary>
public class PretrainedWeightsTests
{
    private static string Fixture(string name) => TestNets.Data("torchvision-weights", name);

    [Fact]
    public void Real_torch_save_zip_with_legacy_names_loads_with_a_new_head_and_trainable_parameters()
    {
        using var model = new DenseNet(TestNets.Tiny(classes: 14), seed: 1);
        WeightsReport report = PretrainedWeights.Load(model, Fixture("tiny_imagenet_legacy_names.pth"), headSeed: 5);

        Assert.Equal(WeightFileFormat.TorchZip, report.Format);
        Assert.Equal(80, report.KeyFixes.LegacyKeysRenamed);
        // one per BatchNorm: norm0, 2 per dense layer (16), 3 transitions, norm5
        Assert.Equal(21, report.BatchCountersAdded);
        Assert.Equal(HeadSource.NewClassCountDiffers, report.Head);
        AssertBackboneEqualsReference(model);
        AssertNewHead(model, headSeed: 5);
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Legacy_pickle_is_refused_with_a_pointer_to_the_converter()
    {
        using var model = new DenseNet(TestNets.Tiny());
        string path = Fixture("tiny_imagenet_legacy_pickle.pth");
        Assert.Equal(WeightFileFormat.TorchLegacyPickle, WeightFile.Detect(path));
        var e = Assert.Throws<ChestDxException>(() => PretrainedWeights.Load(model, path, headSeed: 0));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("convert_torchvision_weights.py", e.Message);
    }

    [Theory]
    [InlineData("safetensors")]
    [InlineData("zip")]
    public void Weights_written_here_in_torchvision_layout_load(string format)
    {
        using var dir = new TestNets.TempDir();
        using var imagenet = new DenseNet(TestNets.Tiny(classes: 1000), seed: 11);
        using (no_grad())
            foreach (var (name, buffer) in imagenet.named_buffers()) // non-trivial statistics, so a skipped copy shows
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.uniform_(0.5, 2.0);
        string path = dir.File("legacy." + (format == "zip" ? "pth" : "safetensors"));
        WriteTorchvision2017Layout(imagenet, path, format);

        using var model = new DenseNet(TestNets.Tiny(classes: 14), seed: 2);
        WeightsReport report = PretrainedWeights.Load(model, path, headSeed: 9);

        Assert.Equal(format == "zip" ? WeightFileFormat.TorchZip : WeightFileFormat.SafeTensors, report.Format);
        Assert.True(report.NewHead);
        Dictionary<string, Tensor> source = imagenet.state_dict(), loaded = model.state_dict();
        foreach (string key in loaded.Keys.Where(k => k.StartsWith("features.", StringComparison.Ordinal)))
        {
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
                Assert.Equal(0L, loaded[key].item<long>());
            else
                Assert.True(TestNets.Equal(source[key], loaded[key]), key);
        }
        AssertNewHead(model, headSeed: 9);
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.requires_grad, p.name));
    }

    [Fact]
    public void A_head_that_fits_is_kept_unless_a_new_one_is_asked_for()
    {
        using var dir = new TestNets.TempDir();
        using var trained = new DenseNet(TestNets.Tiny(), seed: 4);
        string path = dir.File("chexnet.safetensors");
        SafeTensors.Write(path, ModuleState.Ordered(trained));

        using var kept = new DenseNet(TestNets.Tiny(), seed: 5);
        Assert.Equal(HeadSource.FromFile, PretrainedWeights.Load(kept, path, headSeed: 0).Head);
        Assert.True(TestNets.Equal(trained.Classifier.weight!, kept.Classifier.weight!));

        using var replaced = new DenseNet(TestNets.Tiny(), seed: 5);
        Assert.Equal(
            HeadSource.NewRequested, PretrainedWeights.Load(replaced, path, headSeed: 0, forceNewHead: true).Head);
        Assert.False(TestNets.Equal(trained.Classifier.weight!, replaced.Classifier.weight!));
    }

    [Fact]
    public void DataParallel_and_CheXNet_wrappers_are_unwrapped()
    {
        using var dir = new TestNets.TempDir();
        using var trained = new DenseNet(TestNets.Tiny(), seed: 4);
        // arnoweng/CheXNet's checkpoint: DataParallel(DenseNet121 wrapper(densenet121 with classifier =
        // Sequential(Linear, Sigmoid))).
        var wrapped = ModuleState.Ordered(trained).Select(kv => new KeyValuePair<string, Tensor>(
            "module.densenet121." + kv.Key.Replace("classifier.", "classifier.0.", StringComparison.Ordinal),
            kv.Value));
        string path = dir.File("chexnet-wrapped.safetensors");
        SafeTensors.Write(path, wrapped);

        using var model = new DenseNet(TestNets.Tiny(), seed: 5);
        WeightsReport report = PretrainedWeights.Load(model, path, headSeed: 0);
        Assert.Equal(["module.", "densenet121."], report.KeyFixes.StrippedPrefixes);
        Assert.Equal(HeadSource.FromFile, report.Head);
        Assert.True(TestNets.Equal(
            trained.state_dict()["features.norm5.running_var"], model.state_dict()["features.norm5.running_var"]));
    }

    [Fact]
    public void Weights_of_another_architecture_fail_naming_the_keys()
    {
        using var dir = new TestNets.TempDir();
        using var other = new DenseNet(TestNets.Tiny() with { GrowthRate = 4 });
        string path = dir.File("other.safetensors");
        SafeTensors.Write(path, ModuleState.Ordered(other));

        using var model = new DenseNet(TestNets.Tiny());
        var e = Assert.Throws<ChestDxException>(() => PretrainedWeights.Load(model, path, headSeed: 0));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("shape mismatch", e.Message);
        Assert.Contains(
            "features.denseblock1.denselayer1.conv1.weight is 8×16×1×1 in the file, 16×16×1×1 in the model", e.Message);
    }

    [Fact]
    public void Missing_and_unexpected_keys_are_named()
    {
        using var dir = new TestNets.TempDir();
        using var source = new DenseNet(TestNets.Tiny());
        var entries = ModuleState.Ordered(source)
            .Where(kv => !kv.Key.StartsWith("features.norm5.", StringComparison.Ordinal))
            .Append(new("features.extra.weight", torch.zeros(3))).ToList();
        string path = dir.File("broken.safetensors");
        SafeTensors.Write(path, entries);

        using var model = new DenseNet(TestNets.Tiny());
        var e = Assert.Throws<ChestDxException>(() => PretrainedWeights.Load(model, path, headSeed: 0));
        Assert.Contains("missing key(s): features.norm5.weight", e.Message);
        Assert.Contains("1 unexpected key(s): features.extra.weight", e.Message);
    }

    [Fact]
    public void Truncated_safetensors_fails_with_the_file_and_tensor_named()
    {
        using var dir = new TestNets.TempDir();
        byte[] bytes = File.ReadAllBytes(Fixture("tiny_imagenet_reference.safetensors"));
        string path = dir.File("truncated.safetensors");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<ChestDxException>(() => SafeTensors.Read(path).Dispose());
        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [SkippableFact]
    public void Converter_script_turns_the_legacy_pickle_into_loadable_safetensors()
    {
        Skip.IfNot(TestNets.PythonCanImport("torch"),
            "needs /usr/bin/python3 with PyTorch (Debian: apt-get install python3-torch)");
        using var dir = new TestNets.TempDir();
        string output = dir.File("converted.safetensors");
        var psi = new ProcessStartInfo("/usr/bin/python3",
            [
                TestNets.Data("..", "scripts", "convert_torchvision_weights.py"),
                Fixture("tiny_imagenet_legacy_pickle.pth"), output,
            ])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var p = Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, err);
        }
        using var model = new DenseNet(TestNets.Tiny(), seed: 1);
        WeightsReport report = PretrainedWeights.Load(model, output, headSeed: 5);
        Assert.Equal(0, report.KeyFixes.LegacyKeysRenamed); // the script already renamed them
        AssertBackboneEqualsReference(model);
    }

    /// <summary>
    /// Writes the model's state as torchvision's 2017 file: legacy dense-layer names, no num_batches_tracked.
    /// </summary>
    private static void WriteTorchvision2017Layout(DenseNet model, string path, string format)
    {
        var legacy = ModuleState.Ordered(model)
            .Where(kv => !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, Tensor>(ToLegacyName(kv.Key), kv.Value.detach()))
            .ToList();
        Assert.Contains(legacy, kv => kv.Key.EndsWith("denselayer1.norm.1.weight", StringComparison.Ordinal));
        if (format == "safetensors") SafeTensors.Write(path, legacy);
        else
        {
            var table = new Hashtable();
            foreach ((string k, Tensor t) in legacy) table[k] = t;
            using var stream = File.Create(path);
            PyTorchPickler.PickleStateDict(stream, table);
        }
    }

    private static string ToLegacyName(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key, @"(denselayer\d+\.(?:norm|relu|conv))([12])\.", "$1.$2.");

    private static void AssertBackboneEqualsReference(DenseNet model)
    {
        using StateDict reference = SafeTensors.Read(Fixture("tiny_imagenet_reference.safetensors"));
        Dictionary<string, Tensor> loaded = model.state_dict();
        int compared = 0;
        foreach (string key in reference.Keys.Where(k => k.StartsWith("features.", StringComparison.Ordinal)))
        {
            Assert.True(TestNets.Equal(reference[key], loaded[key]), key);
            compared++;
        }
        Assert.Equal(loaded.Count - 2, compared);
    }

    /// <summary>
    /// The head is torchvision's fresh nn.Linear for these classes: bias 0, weight U(±1/√fan_in) from the seed.
    /// </summary>
    private static void AssertNewHead(DenseNet model, long headSeed)
    {
        Assert.Equal([14L, 32L], model.Classifier.weight!.shape);
        Assert.True(model.Classifier.bias!.eq(0).all().item<bool>());
        using var expected = nn.Linear(32, 14);
        using var g = new Generator((ulong)headSeed);
        ModelInit.LinearHead(expected, g);
        Assert.True(TestNets.Equal(expected.weight!, model.Classifier.weight!));
    }
}
