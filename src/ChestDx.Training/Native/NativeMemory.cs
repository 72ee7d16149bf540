using System.Runtime.InteropServices;

namespace ChestDx.Training.Native;

/// <summary>
/// glibc's malloc_trim(0): returns freed heap pages to the OS. libtorch's CPU allocations go through malloc; without
/// trimming, the RSS of a DenseNet-121 run climbed ~20 MiB per step (1.0 → 1.8 GB over 40 steps; measured
/// with TorchSharp 0.107, see BENCHMARKS.md). Trimming after every step keeps it flat but costs: at batch 16 × 224² the
/// next step faults ~3 GB of activations back in, ~0.5 CPU-s of a ~6 CPU-s step (measured here, one thread). Every 16
/// steps bounds the growth to a few hundred MiB for 1/16 of that cost. A no-op off Linux/glibc.
/// </summary>
public static partial class NativeMemory
{
    /// <summary>Training steps between trims.</summary>
    public const int TrimInterval = 16;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Call after training step number <paramref name="step"/> (1-based):
    /// trims every <see cref="TrimInterval"/> steps.</summary>
    public static void AfterStep(long step)
    {
        if (step % TrimInterval == 0) Trim();
    }

    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl and other libcs have no malloc_trim
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
