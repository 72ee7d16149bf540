namespace ChestDx.Training.Native;

/// <summary>
/// <c>torch.backends.cudnn.benchmark</c>, which TorchSharp does not expose: at::globalContext().setBenchmarkCuDNN(b)
/// through libtorch's exports. With fixed input shapes (every batch 16×3×224×224) cuDNN then times its convolution
/// algorithms once and keeps the fastest.
/// </summary>
public static unsafe class CudnnSettings
{
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetBenchmark = "_ZN2at7Context17setBenchmarkCuDNNEb";
    private const string GetBenchmark = "_ZNK2at7Context14benchmarkCuDNNEv";

    public static bool Available =>
        LibTorch.Export(GlobalContext) != IntPtr.Zero && LibTorch.Export(SetBenchmark) != IntPtr.Zero
        && LibTorch.Export(GetBenchmark) != IntPtr.Zero;

    /// <summary>Sets the flag; false when the symbols are missing (nothing changed).</summary>
    public static bool TrySetBenchmark(bool on)
    {
        if (!Available) return false;
        IntPtr context = ((delegate* unmanaged<IntPtr>)LibTorch.Export(GlobalContext))();
        ((delegate* unmanaged<IntPtr, byte, void>)LibTorch.Export(SetBenchmark))(context, on ? (byte)1 : (byte)0);
        return true;
    }

    /// <summary>The current flag, or null when the symbols are missing.</summary>
    public static bool? Benchmark()
    {
        if (!Available) return null;
        IntPtr context = ((delegate* unmanaged<IntPtr>)LibTorch.Export(GlobalContext))();
        return ((delegate* unmanaged<IntPtr, byte>)LibTorch.Export(GetBenchmark))(context) != 0;
    }
}
