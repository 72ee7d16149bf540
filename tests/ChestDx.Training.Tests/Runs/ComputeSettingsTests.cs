using ChestDx.Core.Progress;
using ChestDx.Training.Data;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Runs;

/// <summary>The speed settings change how numbers are computed, not what they are (checked on the CPU).</summary>
public class ComputeSettingsTests
{
    private static Batch RandomBatch(int seed, bool nhwc)
    {
        using var g = new Generator((ulong)seed);
        Tensor x = torch.randn([4, 3, 64, 64], generator: g);
        if (nhwc) x = BatchAssembler.ChannelsLast(x);
        Tensor y = torch.rand([4, 14], generator: g).gt(0.5).to(ScalarType.Float32);
        return new Batch(x, y, torch.ones_like(y), new int[4]);
    }

    [Fact]
    public void Channels_last_weights_train_like_contiguous_ones()
    {
        var plain = ComputeSettings.Resolve(
            DeviceChoice.Cpu, PrecisionChoice.Fp32, AutoSwitch.Off, 1, NullProgressSink.Instance);
        var nhwc = ComputeSettings.Resolve(
            DeviceChoice.Cpu, PrecisionChoice.Fp32, AutoSwitch.On, 1, NullProgressSink.Instance);
        using var a = new DenseNet(TestNets.Tiny(), seed: 1);
        using var b = new DenseNet(TestNets.Tiny(), seed: 1);
        plain.Prepare(a);
        nhwc.Prepare(b);
        Tensor conv0 = b.state_dict()["features.conv0.weight"];
        Assert.Equal(1, conv0.stride(1)); // input channels vary fastest: NHWC
        Assert.True(b.parameters().All(p => p.requires_grad && p.is_leaf));

        using var adamA = torch.optim.Adam(a.parameters(), lr: 1e-3);
        using var adamB = torch.optim.Adam(b.parameters(), lr: 1e-3);
        a.train();
        b.train();
        for (int step = 0; step < 2; step++)
        {
            using Batch ba = RandomBatch(step, nhwc: false), bb = RandomBatch(step, nhwc: true);
            (Tensor la, Tensor ka) = TrainingStep.Run(a, adamA, ba, null, plain);
            (Tensor lb, Tensor kb) = TrainingStep.Run(b, adamB, bb, null, nhwc);
            double lossA = la.item<double>() / ka.item<double>(), lossB = lb.item<double>() / kb.item<double>();
            // other kernels, other rounding
            Assert.True(Math.Abs(lossA - lossB) <= 1e-5 * lossA, $"step {step}: {lossA} vs {lossB}");
            foreach (Tensor t in new[] { la, ka, lb, kb }) t.Dispose();
        }
        using Tensor diff = (a.state_dict()["classifier.weight"] - b.state_dict()["classifier.weight"]).abs().max();
        Assert.True(diff.item<float>() < 1e-4, $"classifier weights differ by {diff.item<float>()}");
    }

    [Fact]
    public void Bf16_autocast_trains_with_fp32_parameters_and_a_close_loss()
    {
        var fp32 = ComputeSettings.Resolve(
            DeviceChoice.Cpu, PrecisionChoice.Fp32, AutoSwitch.Off, 1, NullProgressSink.Instance);
        var bf16 = ComputeSettings.Resolve(
            DeviceChoice.Cpu, PrecisionChoice.Bf16, AutoSwitch.Off, 1, NullProgressSink.Instance);
        Assert.True(bf16.Bf16);
        using var a = new DenseNet(TestNets.Tiny(), seed: 1);
        using var b = new DenseNet(TestNets.Tiny(), seed: 1);
        using var adamA = torch.optim.Adam(a.parameters(), lr: 1e-3);
        using var adamB = torch.optim.Adam(b.parameters(), lr: 1e-3);
        a.train();
        b.train();
        using Batch ba = RandomBatch(0, false), bb = RandomBatch(0, false);
        (Tensor la, Tensor ka) = TrainingStep.Run(a, adamA, ba, null, fp32);
        (Tensor lb, Tensor kb) = TrainingStep.Run(b, adamB, bb, null, bf16);
        double lossA = la.item<double>() / ka.item<double>(), lossB = lb.item<double>() / kb.item<double>();
        Assert.InRange(Math.Abs(lossA - lossB) / lossA, 0, 0.02); // bf16 keeps 8 mantissa bits
        Assert.All(b.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        using (bf16.Autocast())
        using (Tensor logits = b.forward(bb.Inputs))
            Assert.Equal(ScalarType.BFloat16, logits.dtype); // the forward really ran in bf16
        foreach (Tensor t in new[] { la, ka, lb, kb }) t.Dispose();
    }
}
