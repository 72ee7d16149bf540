using System.Globalization;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Progress;
using ChestDx.Onnx.Export;
using ChestDx.Onnx.Inference;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Onnx.Tests.Inference;

/// <summary>
/// A 1-channel torchxrayvision-scaled model through the ONNX Runtime prediction run: the input is one plane of
/// (2p/255 − 1)·1024 over the centre crop, and predict writes its 18 classes and CAMs.
/// </summary>
public sealed class OneChannelPredictionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-onnx-xrv-").FullName;

    [Fact]
    public void Xrv_input_is_one_plane_of_torchxrayvision_values_over_the_centre_crop()
    {
        var package = new ModelPackage
        {
            Architecture = OnnxTestKit.Tiny(18), Classes = Targets, InputSize = 6, ImageSize = 8,
            EvalCrop = EvalCrop.Center, InputChannels = 1, InputScaling = InputScaling.Xrv,
        };
        var image = new byte[64];
        new Random(21).NextBytes(image);
        var batch = new InputBatch(package);
        var values = new float[batch.ValuesPerImage];

        batch.Fill(image, batch.Centre(), values);

        Assert.Equal(36, values.Length);
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 6; x++)
            {
                int p = image[(1 + y) * 8 + 1 + x];
                Assert.Equal((2.0 * p / 255 - 1) * 1024, values[y * 6 + x], 2);
            }
    }

    [Fact]
    public void Predict_with_an_exported_one_channel_model_writes_its_classes_and_cams()
    {
        string model = Path.Combine(_dir, "xrv.safetensors"), onnx = Path.Combine(_dir, "xrv.onnx");
        File.Copy(OnnxTestKit.Data("model-import", "xrv_tiny_state_dict.safetensors"), model);
        new ModelPackage
        {
            Architecture = OnnxTestKit.Tiny(18), Classes = Targets, InputSize = 224, ImageSize = 224,
            EvalCrop = EvalCrop.Center, InputChannels = 1, InputScaling = InputScaling.Xrv,
        }.WriteInto(model);
        OnnxExport.Run(model, onnx, NullProgressSink.Instance);
        string png = Path.Combine(_dir, "grey.png");
        var pixels = new byte[300 * 300];
        new Random(22).NextBytes(pixels);
        using (var img = Image.LoadPixelData<L8>(pixels, 300, 300)) img.SaveAsPng(png);

        OnnxPredictionOutcome outcome = OnnxPredictionRun.Run(new OnnxPredictionRequest
        {
            Model = onnx, Inputs = [png], Output = Path.Combine(_dir, "p.csv"),
            CamDirectory = Path.Combine(_dir, "cams"), CamTop = 2,
        }, NullProgressSink.Instance);

        string[] lines = File.ReadAllLines(Path.Combine(_dir, "p.csv"));
        Assert.Equal("image_id," + string.Join(",", Targets), lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Equal(19, lines[1].Split(',').Length);
        Assert.All(lines[1].Split(',').Skip(1),
            v => Assert.InRange(double.Parse(v, CultureInfo.InvariantCulture), 0.0, 1.0));
        Assert.Equal(2, outcome.CamFiles);
        Assert.False(outcome.AssumedDefaults);
    }

    private static readonly string[] Targets = ClassSet.TorchXrayVision.Names.ToArray();

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
