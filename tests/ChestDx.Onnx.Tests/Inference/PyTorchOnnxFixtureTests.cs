using ChestDx.Onnx.Inference;

namespace ChestDx.Onnx.Tests.Inference;

/// <summary>A DenseNet exported by PyTorch itself (torch.onnx.export, opset 13) runs in ONNX Runtime.</summary>
public sealed class PyTorchOnnxFixtureTests
{
    [Fact]
    public void PyTorch_exported_DenseNet_reproduces_PyTorchs_logits_and_assumes_the_model_file_defaults()
    {
        string io = OnnxTestKit.Data("model-import", "torchvision_tiny_onnx_io.safetensors");
        (long[] shape, float[] x) = OnnxTestKit.Tensor(io, "x");
        (_, float[] expected) = OnnxTestKit.Tensor(io, "logits");

        using OnnxNetwork network = OnnxNetwork.Load(OnnxTestKit.Data("model-import", "torchvision_tiny_opset13.onnx"));
        NetworkOutput output = network.Run(x, (int)shape[0], withFeatures: true);

        OnnxTestKit.Close(expected, output.Logits, 1e-5, "PyTorch's logits");
        // No ChestDx metadata: the documented defaults (14 CheXNet classes, 224 from 256, ImageNet), said so.
        Assert.True(network.Package.Assumed);
        Assert.Equal(14, network.Package.Classes.Count);
        Assert.False(network.HasFeatures);
        Assert.Null(output.Features);
    }
}
