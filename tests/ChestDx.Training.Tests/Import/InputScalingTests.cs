using ChestDx.Core.Models;
using ChestDx.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Import;

/// <summary>
/// The pixel scaling definition (Core PixelScaling) against the formulas of its sources, and the tensor path
/// (InputNormalisation, what predict, evaluate, CAM and training use) against that definition.
/// </summary>
public class InputScalingTests
{
    [Fact]
    public void Xrv_scaling_is_torchxrayvision_normalize_for_every_8_bit_value()
    {
        for (int p = 0; p <= 255; p++)
        {
            // torchxrayvision datasets.normalize(img, 255): (2 * (img / maxval) - 1.) * 1024, here in double.
            double expected = (2 * (p / 255.0) - 1) * 1024;
            float actual = PixelScaling.Scale(InputScaling.Xrv, p / 255f, 0);
            Assert.True(Math.Abs(actual - expected) <= 1e-6 * 1024, $"p={p}: {actual} vs {expected}");
        }
        Assert.Equal(-1024f, PixelScaling.Scale(InputScaling.Xrv, 0f, 0));
        Assert.Equal(1024f, PixelScaling.Scale(InputScaling.Xrv, 1f, 0));
    }

    [Fact]
    public void Imagenet_scaling_uses_torchvisions_published_mean_and_std()
    {
        // torchvision.transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]) after ToTensor's /255.
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        for (int c = 0; c < 3; c++)
        for (int p = 0; p <= 255; p += 51)
        {
            double expected = (p / 255.0 - mean[c]) / std[c];
            float actual = PixelScaling.Scale(InputScaling.Imagenet, p / 255f, c);
            Assert.True(Math.Abs(actual - expected) < 1e-5, $"c={c} p={p}: {actual} vs {expected}");
        }
    }

    [Theory]
    [InlineData(InputScaling.Xrv, 1)]
    [InlineData(InputScaling.Xrv, 3)]
    [InlineData(InputScaling.Imagenet, 3)]
    public void Tensor_scaling_equals_the_float_definition_and_inverts(InputScaling scaling, int channels)
    {
        const int seed = 7, h = 5, w = 6;
        var rng = new Random(seed);
        float[] grey = Enumerable.Range(0, h * w).Select(_ => rng.Next(256) / 255f).ToArray();
        var expected = new float[channels * h * w];
        PixelScaling.Apply(scaling, channels, grey, expected);

        using Tensor input = torch.tensor(grey).view(1, 1, h, w);
        using Tensor scaled = InputNormalisation.Apply(input, scaling, channels);
        Assert.Equal([1L, channels, h, w], scaled.shape);
        float[] actual = scaled.contiguous().data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])),
                $"seed {seed}, value {i}: {expected[i]} vs {actual[i]}");
        using Tensor back = InputNormalisation.ToGrey01(scaled[0], scaling);
        float[] grey2 = back.contiguous().data<float>().ToArray();
        for (int i = 0; i < grey.Length; i++) Assert.True(Math.Abs(grey[i] - grey2[i]) < 1e-5, $"inverse {i}");
    }

    [Fact]
    public void Imagenet_scaling_refuses_one_channel()
    {
        using Tensor input = torch.zeros(1, 1, 2, 2);
        Assert.Throws<ArgumentException>(() => InputNormalisation.Apply(input, InputScaling.Imagenet, 1));
    }
}
