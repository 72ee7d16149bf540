using System.Runtime.InteropServices;
using TorchSharp;

namespace ChestDx.Training.Native;

/// <summary>
/// Lookups of libtorch C++ functions that TorchSharp 0.107 does not wrap (autocast, cuDNN benchmark), by mangled
/// name at run time. The names are Itanium-ABI manglings of libtorch 2.x signatures; another libtorch may rename or
/// drop one, so every lookup may fail and every caller has a fallback (src/ChestDx.Training/README.md).
/// </summary>
internal static class LibTorch
{
    private static readonly Lazy<IntPtr> Handle = new(Open);

    /// <summary>The address of <paramref name="mangledName"/> in the loaded libtorch_cpu, or zero.</summary>
    public static IntPtr Export(string mangledName) =>
        Handle.Value != IntPtr.Zero && NativeLibrary.TryGetExport(Handle.Value, mangledName, out IntPtr address)
            ? address
            : IntPtr.Zero;

    /// <summary>Path of the libtorch_cpu.so the process loaded (from /proc/self/maps), or null.</summary>
    public static string? LoadedPath()
    {
        _ = Handle.Value;
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (string line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)) return line[slash..];
        }
        return null;
    }

    private static IntPtr Open()
    {
        // Creating a tensor makes TorchSharp load libtorch; dlopen by soname then returns the already-loaded library.
        using (torch.zeros(1)) { }
        return NativeLibrary.TryLoad("libtorch_cpu.so", out IntPtr handle) ? handle : IntPtr.Zero;
    }
}
