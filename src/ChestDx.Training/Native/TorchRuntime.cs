using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ChestDx.Core;
using ChestDx.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Native;

/// <summary>
/// What the loaded torch stack is and can do, for <c>chestdx doctor</c>, model cards and run logs; and the choice of
/// device from "auto" | "cpu" | "cuda".
/// </summary>
public static partial class TorchRuntime
{
    /// <summary>The backend this build was made for (cpu | cuda | external; build/TorchBackend.targets).</summary>
    public static string Backend => Metadata("ChestDxTorchBackend") ?? "unknown";

    private static string? Metadata(string key) =>
        typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;

    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Resolves auto | cpu | cuda; asking for CUDA without it is an error that says why.</summary>
    public static Device SelectDevice(DeviceChoice choice)
    {
        bool cuda = torch.cuda.is_available();
        return choice switch
        {
            DeviceChoice.Cpu => torch.CPU,
            DeviceChoice.Cuda when cuda => torch.CUDA,
            DeviceChoice.Cuda => throw new ChestDxException(
                $"device cuda: CUDA is not available to this build (backend '" +
                $"{Backend}'); use a cuda or external build on a machine with an NVIDIA driver, or --device cpu"),
            _ => cuda ? torch.CUDA : torch.CPU,
        };
    }

    /// <summary>libtorch intra-op threads: <paramref name="requested"/>, or every core when 0.</summary>
    public static int ResolveThreads(int requested) => requested > 0 ? requested : Environment.ProcessorCount;

    /// <summary>The 1-minute load average (Linux /proc/loadavg), or null where unknown.</summary>
    public static double? LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.TryParse(text.Split(' ')[0], System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out double load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static TorchRuntimeInfo Probe()
    {
        string? path = LibTorch.LoadedPath();
        bool cuda = torch.cuda.is_available();
        int count = cuda ? torch.cuda.device_count() : 0;
        return new TorchRuntimeInfo(
            Backend,
            TorchSharpVersion,
            LibTorchVersion(path),
            path,
            cuda,
            count,
            cuda ? CudaDeviceNames(count) : [],
            cuda && torch.cuda.is_cudnn_available(),
            CudnnSettings.Available,
            torch.get_num_threads(),
            Environment.ProcessorCount,
            Autocast.Symbols().Where(s => s.Found).Select(s => s.Symbol).ToList(),
            Autocast.Symbols().Where(s => !s.Found).Select(s => s.Symbol).ToList(),
            OneDnnIsaGuard.Applied
                ?? (Environment.GetEnvironmentVariable(OneDnnIsaGuard.Variable) is { Length: > 0 } isa
                    ? $"{OneDnnIsaGuard.Variable}={isa} (set by the user)"
                    : "widest the CPU supports"));
    }

    /// <summary>
    /// The libtorch version, from where it was loaded: a NuGet package folder (…/libtorch-cpu-linux-x64/2.10.0/…), a
    /// PyTorch install (torch/lib next to torch/version.py) or a libtorch zip (build-version beside lib/).
    /// </summary>
    public static string? LibTorchVersion(string? loadedPath)
    {
        if (loadedPath is null) return null;
        string? bundled = Metadata("ChestDxBundledLibTorch");
        if (bundled is { Length: > 0 }
            && Path.GetDirectoryName(loadedPath) == Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))
            return bundled;
        Match nuget = NuGetVersion().Match(loadedPath);
        if (nuget.Success) return nuget.Groups[1].Value;
        string? lib = Path.GetDirectoryName(loadedPath);
        string? root = lib is null ? null : Path.GetDirectoryName(lib);
        if (root is null) return null;
        string versionPy = Path.Combine(root, "version.py");
        if (File.Exists(versionPy))
        {
            Match m = PythonVersion().Match(File.ReadAllText(versionPy));
            if (m.Success) return m.Groups[1].Value;
        }
        string buildVersion = Path.Combine(root, "build-version");
        return File.Exists(buildVersion) ? File.ReadAllText(buildVersion).Trim() : null;
    }

    [GeneratedRegex(@"/libtorch-[a-z0-9.\-]+-linux-x64/(\d+\.\d+\.\d+[^/]*)/", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetVersion();

    [GeneratedRegex(@"__version__\s*=\s*['""]([^'""]+)['""]")]
    private static partial Regex PythonVersion();

    /// <summary>GPU names through the CUDA runtime's cudaGetDeviceProperties
    /// (name is the struct's first field); best effort.</summary>
    private static unsafe IReadOnlyList<string> CudaDeviceNames(int count)
    {
        foreach (string lib in new[] { "libcudart.so", "libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0" })
        {
            if (!NativeLibrary.TryLoad(lib, out IntPtr handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "cudaGetDeviceProperties_v2", out IntPtr fn)
                && !NativeLibrary.TryGetExport(handle, "cudaGetDeviceProperties", out fn)) continue;
            var names = new List<string>();
            byte* props = stackalloc byte[16384]; // cudaDeviceProp is ~1 KB; generous for future fields
            for (int i = 0; i < count; i++)
                names.Add(((delegate* unmanaged<byte*, int, int>)fn)(props, i) == 0
                    ? Marshal.PtrToStringUTF8((IntPtr)props) ?? "?"
                    : "?");
            return names;
        }
        return [];
    }
}

/// <summary>The torch stack as loaded in this process.</summary>
public sealed record TorchRuntimeInfo(
    string Backend,
    string TorchSharpVersion,
    string? LibTorchVersion,
    string? LibTorchPath,
    bool CudaAvailable,
    int CudaDevices,
    IReadOnlyList<string> CudaDeviceNames,
    bool CudnnAvailable,
    bool CudnnBenchmarkSettable,
    int Threads,
    int Cores,
    IReadOnlyList<string> AutocastSymbolsFound,
    IReadOnlyList<string> AutocastSymbolsMissing,
    string OneDnnCpuKernels)
{
    /// <summary>bf16 autocast can be switched on (all symbols present).</summary>
    public bool AutocastAvailable => AutocastSymbolsMissing.Count == 0;
}
