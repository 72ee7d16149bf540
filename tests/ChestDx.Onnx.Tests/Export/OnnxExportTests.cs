using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Progress;
using ChestDx.Onnx.Export;
using ChestDx.Onnx.Inference;
using ChestDx.Training.Model;
using ChestDx.Training.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Onnx.Tests.Export;

/// <summary>
/// chestdx export --onnx: the file passes Debian's python3-onnx checker, and ONNX Runtime running it gives what
/// TorchSharp (full DenseNet-121) and torchxrayvision (1-channel model, its fixture logits) give.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-onnx-test-").FullName;

    [Fact]
    public void Full_DenseNet121_export_passes_the_checker_and_runs_in_OnnxRuntime_as_in_TorchSharp()
    {
        const int seed = 7;
        using var net = new DenseNet(DenseNetConfig.DenseNet121(ClassSet.ChestXray14.Count), seed);
        PerturbBatchNorm(net, seed);
        net.eval();
        var package = new ModelPackage
        {
            Architecture = net.Config, Classes = ClassSet.ChestXray14.Names, InputSize = 224, ImageSize = 256,
            EvalCrop = EvalCrop.Center,
        };
        string model = Path.Combine(_dir, "model.safetensors"), onnx = Path.Combine(_dir, "model.onnx");
        package.Write(model, net);

        OnnxExportOutcome outcome = OnnxExport.Run(model, onnx, NullProgressSink.Instance);

        Assert.Equal("", OnnxTestKit.CheckerErrors(onnx));
        Assert.Equal(13, outcome.Opset);
        const int batch = 2;
        float[] x = OnnxTestKit.RandomFloats(batch * 3 * 224 * 224, seed, scale: 2f);
        float[] torchLogits, torchFeatures;
        using (torch.no_grad())
        using (Tensor input = torch.tensor(x).view(batch, 3, 224, 224))
        using (Tensor features = net.ForwardFeatures(input))
        using (Tensor logits = net.Classify(features))
        {
            torchLogits = logits.data<float>().ToArray();
            torchFeatures = features.contiguous().data<float>().ToArray();
        }
        using OnnxNetwork network = OnnxNetwork.Load(onnx);
        NetworkOutput output = network.Run(x, batch, withFeatures: true);
        OnnxTestKit.Close(torchLogits, output.Logits, 1e-4, $"logits (seed {seed})");
        OnnxTestKit.Close(torchFeatures, output.Features!, 1e-4, $"features (seed {seed})");
        Assert.Equal(new[] { batch, 1024, 7, 7 }, output.FeatureShape);
        // The model's description travels in metadata_props and is read back as the same package.
        Assert.False(network.Package.Assumed);
        Assert.Equal(package.ToMetadata(), network.Package.ToMetadata());
    }

    [Fact]
    public void One_channel_torchxrayvision_model_exports_and_reproduces_its_reference_logits()
    {
        string model = Path.Combine(_dir, "xrv.safetensors"), onnx = Path.Combine(_dir, "xrv.onnx");
        File.Copy(OnnxTestKit.Data("model-import", "xrv_tiny_state_dict.safetensors"), model);
        var package = new ModelPackage
        {
            Architecture = OnnxTestKit.Tiny(18), Classes = XrvTargets, InputSize = 224, ImageSize = 224,
            EvalCrop = EvalCrop.Center, InputChannels = 1, InputScaling = InputScaling.Xrv,
        };
        package.WriteInto(model);

        OnnxExport.Run(model, onnx, NullProgressSink.Instance);

        Assert.Equal("", OnnxTestKit.CheckerErrors(onnx));
        string io = OnnxTestKit.Data("model-import", "xrv_tiny_io.safetensors");
        (_, float[] x) = OnnxTestKit.Tensor(io, "x");
        (_, float[] expected) = OnnxTestKit.Tensor(io, "logits");
        using OnnxNetwork network = OnnxNetwork.Load(onnx);
        Assert.Equal(1, network.Package.InputChannels);
        Assert.Equal(InputScaling.Xrv, network.Package.InputScaling);
        OnnxTestKit.Close(expected, network.Run(x, 1, withFeatures: false).Logits, 1e-5, "torchxrayvision logits");
    }

    [Fact]
    public void ChestDx_export_of_the_tiny_torchvision_weights_matches_PyTorchs_own_ONNX_export()
    {
        // The same weights PyTorch exported to torchvision_tiny_opset13.onnx (fixture README), without metadata.
        string model = Path.Combine(_dir, "tiny.safetensors"), onnx = Path.Combine(_dir, "tiny.onnx");
        File.Copy(OnnxTestKit.Data("densenet-parity", "tiny_weights.safetensors"), model);
        new ModelPackage
        {
            Architecture = OnnxTestKit.Tiny(14), Classes = ClassSet.ChestXray14.Names, InputSize = 224,
            ImageSize = 256, EvalCrop = EvalCrop.Center,
        }.WriteInto(model);

        OnnxExport.Run(model, onnx, NullProgressSink.Instance);

        string io = OnnxTestKit.Data("model-import", "torchvision_tiny_onnx_io.safetensors");
        (_, float[] x) = OnnxTestKit.Tensor(io, "x");
        (_, float[] expected) = OnnxTestKit.Tensor(io, "logits");
        using OnnxNetwork network = OnnxNetwork.Load(onnx);
        OnnxTestKit.Close(expected, network.Run(x, 2, withFeatures: false).Logits, 1e-5, "PyTorch's logits");
    }

    [Fact]
    public void Export_names_the_missing_tensor_when_the_file_is_not_a_ChestDx_model()
    {
        string model = Path.Combine(_dir, "broken.safetensors");
        File.Copy(OnnxTestKit.Data("model-import", "xrv_tiny_io.safetensors"), model);
        new ModelPackage
        {
            Architecture = OnnxTestKit.Tiny(18), Classes = XrvTargets, InputSize = 224, ImageSize = 224,
            EvalCrop = EvalCrop.Center, InputChannels = 1,
        }.WriteInto(model);

        var e = Assert.Throws<ChestDxException>(
            () => OnnxExport.Run(model, Path.Combine(_dir, "broken.onnx"), NullProgressSink.Instance));

        Assert.Contains(model, e.Message);
        Assert.Contains("no tensor 'features.conv0.weight'", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "broken.onnx")));
    }

    /// <summary>torchxrayvision's 18 targets in output order (fixture xrv_tiny_expected.json).</summary>
    private static readonly string[] XrvTargets =
    [
        "Atelectasis", "Consolidation", "Infiltration", "Pneumothorax", "Edema", "Emphysema", "Fibrosis", "Effusion",
        "Pneumonia", "Pleural_Thickening", "Cardiomegaly", "Nodule", "Mass", "Hernia", "Lung Lesion", "Fracture",
        "Lung Opacity", "Enlarged Cardiomediastinum",
    ];

    /// <summary>Running statistics away from (0, 1), so a missing or misplaced BatchNorm input changes the output.
    /// </summary>
    private static void PerturbBatchNorm(DenseNet net, int seed)
    {
        var rng = new Random(seed);
        using var noGrad = torch.no_grad();
        foreach ((string name, Tensor buffer) in net.named_buffers())
        {
            bool mean = name.EndsWith("running_mean", StringComparison.Ordinal);
            if (!mean && !name.EndsWith("running_var", StringComparison.Ordinal)) continue;
            float[] values = Enumerable.Range(0, (int)buffer.NumberOfElements)
                .Select(_ => mean ? (float)(rng.NextDouble() * 0.2 - 0.1) : (float)(rng.NextDouble() + 0.5))
                .ToArray();
            using Tensor source = torch.tensor(values);
            buffer.copy_(source);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
