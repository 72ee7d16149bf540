using TorchSharp;

namespace ChestDx.Training.Tests;

/// <summary>
/// The build patches libLibTorchSharp.so (build/LibTorchSharpPatch.targets) so that it loads on Debian 12's
/// libstdc++. If the patch step stops running, creating a tensor fails with TypeInitializationException here.
/// </summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void A_tensor_can_be_created_and_computed_on_the_cpu()
    {
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new long[] { 2, 2 }, b.shape);
        Assert.Equal(50f, b[1, 1].item<float>()); // 3²+4²+5²
    }
}
