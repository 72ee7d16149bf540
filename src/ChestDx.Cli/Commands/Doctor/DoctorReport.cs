using System.Runtime.InteropServices;
using ChestDx.Dicom.Codecs;
using ChestDx.Training.Diagnostics;
using ChestDx.Training.Native;
using static TorchSharp.torch;

namespace ChestDx.Cli.Commands.Doctor;

/// <summary>Everything <c>chestdx doctor</c> found, gathered once and rendered as tables or JSON.</summary>
internal sealed record DoctorReport(
    string ChestDxVersion,
    string DotNet,
    string OperatingSystem,
    string Architecture,
    int Cores,
    long MemoryBytes,
    double? LoadAverage,
    TorchRuntimeInfo? Torch,
    string? TorchProblem,
    IReadOnlyList<NativeCodecLibrary> Codecs,
    IReadOnlyList<SmokeCheckResult> Smoke)
{
    /// <summary>The install can train: libtorch loaded and a CPU training step fitted a batch.</summary>
    public bool CanTrain => Torch is not null && Smoke.Any(s => s.Device == "cpu" && s.Passed);

    /// <summary>CUDA is present and a training step on it fitted a batch.</summary>
    public bool CanTrainOnCuda => Torch is { CudaAvailable: true } && Smoke.Any(s => s.Device == "cuda" && s.Passed);

    public static DoctorReport Gather(bool smoke)
    {
        TorchRuntimeInfo? torch = null;
        string? problem = null;
        try
        {
            torch = TorchRuntime.Probe();
        }
        // Any failure to load libtorch is the finding doctor exists to report, whatever type TorchSharp wraps it in.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = Explain(e);
        }

        var checks = new List<SmokeCheckResult>();
        if (torch is not null && smoke)
        {
            checks.Add(TrainingSmokeCheck.Run(CPU));
            if (torch.CudaAvailable) checks.Add(TrainingSmokeCheck.Run(CUDA));
        }

        return new DoctorReport(
            global::ChestDx.Core.ChestDxVersion.Informational,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            Environment.ProcessorCount,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            TorchRuntime.LoadAverage(),
            torch,
            problem,
            NativeCodecLibraries.Probe(),
            checks);
    }

    /// <summary>The innermost message, with the fix for the two load failures users meet (README.md).</summary>
    private static string Explain(Exception e)
    {
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        string text = string.Join(" → ", messages.Distinct());
        if (text.Contains("GLIBCXX", StringComparison.Ordinal))
            text += " (libLibTorchSharp.so asks for a newer libstdc++ than this OS has: rebuild or republish " +
                    "ChestDx so its post-build step marks that version need weak)";
        else if (TorchRuntime.Backend == "external")
            text += " (external backend: point LD_LIBRARY_PATH at a libtorch 2.10-compatible lib folder, e.g. " +
                    "python -c 'import torch,os;print(os.path.dirname(torch.__file__)+\"/lib\")')";
        return text;
    }
}
