using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChestDx.Training.Native;

/// <summary>
/// Caps oneDNN (libtorch's CPU convolution library) at AVX2 on AMD processors unless the user chose a cap.
/// Why: on an AMD EPYC with AVX-512 (the project's Debian 12 machines, December 2026), libtorch 2.10's oneDNN 3.7.1
/// picks its jit:avx512_core convolution kernels and a five-step Adam fit of a tiny DenseNet turned its loss into NaN
/// in 5 of 5 runs with 2 threads (1 of 2 with one), while the same run capped at AVX2 was finite in 12 of 12 (measured
/// with `chestdx doctor`; `DNNL_VERBOSE=1` names the kernels). Intel processors with AVX-512 trained correctly with
/// the uncapped kernels, so they keep them.
/// oneDNN reads DNNL_MAX_CPU_ISA once, at its first primitive, from the C environment; .NET's
/// Environment.SetEnvironmentVariable does not reach that environment on Linux, so the value goes through libc's
/// setenv, from this assembly's module initialiser, before any code of ChestDx.Training can run a convolution.
/// </summary>
public static partial class OneDnnIsaGuard
{
    /// <summary>oneDNN's variable (ONEDNN_MAX_CPU_ISA is its newer spelling;
    /// either, when set, is the user's choice).</summary>
    public const string Variable = "DNNL_MAX_CPU_ISA";

    private const string NewVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>What was decided in this process, for doctor and run logs: null when nothing was changed.</summary>
    public static string? Applied { get; private set; }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255",
        Justification = "oneDNN must see the cap before the first convolution, whoever loads this library")]
    internal static void Initialise() => Apply(File.Exists("/proc/cpuinfo") ? ReadVendor("/proc/cpuinfo") : null);

    /// <summary>Sets the cap for an AMD vendor string when neither variable is set; returns what it did.</summary>
    public static string? Apply(string? vendor)
    {
        if (!OperatingSystem.IsLinux() || vendor != "AuthenticAMD") return null;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) ||
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NewVariable))) return null;
        if (SetEnv(Variable, "AVX2", 1) != 0) return null;
        Environment.SetEnvironmentVariable(Variable, "AVX2"); // the managed copy too, so child processes inherit it
        return Applied =
            $"{Variable}=AVX2 (AMD processor: oneDNN's AVX-512 convolutions gave NaN here; set {Variable} to override)";
    }

    /// <summary>The vendor_id of the first processor in a /proc/cpuinfo-style file.</summary>
    public static string? ReadVendor(string path)
    {
        try
        {
            foreach (string line in File.ReadLines(path))
                if (line.StartsWith("vendor_id", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
