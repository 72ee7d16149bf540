using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Onnx.Inference;
using ChestDx.Training.Data;
using static TorchSharp.torch;

namespace ChestDx.Onnx.Tests.Inference;

/// <summary>
/// The ONNX Runtime path's input (float arrays) equals the TorchSharp path's (Training's BatchAssembler) for the same
/// image bytes: same windows, same resize, same <see cref="PixelScaling"/> arithmetic.
/// </summary>
public sealed class InputBatchTests
{
    [Theory]
    [InlineData(256, 224, EvalCrop.Center, 11)]
    [InlineData(256, 224, EvalCrop.Resize, 12)]
    [InlineData(200, 224, EvalCrop.Resize, 13)]
    [InlineData(227, 224, EvalCrop.Center, 14)]
    public void Ten_crop_inputs_equal_the_TorchSharp_batch_assembler(int imageSize, int inputSize, EvalCrop crop,
        int seed)
    {
        var package = new ModelPackage
        {
            Architecture = DenseNetConfig.DenseNet121(14), Classes = ClassSet.ChestXray14.Names,
            InputSize = inputSize, ImageSize = imageSize, EvalCrop = crop,
        };
        var image = new byte[imageSize * imageSize];
        new Random(seed).NextBytes(image);
        var geometry = new ImageGeometry
        {
            PackSize = imageSize, InputSize = inputSize, TrainResize = crop == EvalCrop.Resize,
            EvalResize = crop == EvalCrop.Resize,
        };
        SampleView[] views = [.. geometry.TenCrop()];
        float[] expected;
        using (Tensor t = new BatchAssembler(geometry, channelsLast: false).Inputs(_ => image, imageSize, views,
                   training: false))
            expected = t.contiguous().data<float>().ToArray();

        var batch = new InputBatch(package);
        IReadOnlyList<InputWindow> windows = batch.TenCrop();
        Assert.Equal(views.Select(v => (v.X, v.Y, v.Flip)), windows.Select(w => (w.X, w.Y, w.Flip)));
        var actual = new float[windows.Count * batch.ValuesPerImage];
        for (int i = 0; i < windows.Count; i++)
            batch.Fill(image, windows[i], actual.AsSpan(i * batch.ValuesPerImage, batch.ValuesPerImage));

        // Values span about ±2.6; float32 resize sums differ in the last bits at most.
        OnnxTestKit.Close(expected, actual, 1e-6, $"inputs (seed {seed})");
    }

    [Fact]
    public void Xrv_scaling_maps_8_bit_grey_to_torchxrayvisions_range()
    {
        // torchxrayvision normalize(img, 255) = (2·p/255 − 1)·1024 (data-manifests/MODEL_FORMAT.md).
        foreach (int p in new[] { 0, 1, 127, 128, 255 })
            Assert.Equal((2.0 * p / 255 - 1) * 1024, PixelScaling.Scale(InputScaling.Xrv, p / 255f, 0), 3);
    }
}
