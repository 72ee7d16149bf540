using System.Diagnostics;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Models;

namespace ChestDx.Training.Import;

/// <summary>
/// Runs scripts/convert_torchvision_weights.py (embedded in this assembly) to turn a PyTorch pickle into safetensors:
/// .NET cannot run pickles, and whole pickled modules (torchxrayvision, jrzech) need Python's classes or stand-ins.
/// </summary>
public static class PickleConversion
{
    public const string ScriptName = "convert_torchvision_weights.py";
    private const string Resource = "ChestDx.Training.Scripts." + ScriptName;

    /// <summary>The converter's text (what scripts/convert_torchvision_weights.py holds).</summary>
    public static string ScriptText()
    {
        using Stream stream = typeof(PickleConversion).Assembly.GetManifestResourceStream(Resource)
                              ?? throw new InvalidOperationException($"resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The first of <paramref name="python"/> (when given), $CHESTDX_PYTHON, python3 and /usr/bin/python3 that imports
    /// torch; null when none does.
    /// </summary>
    public static string? FindPython(string? python)
    {
        string?[] candidates = python is not null
            ? [python]
            : [Environment.GetEnvironmentVariable("CHESTDX_PYTHON"), "python3", "/usr/bin/python3"];
        foreach (string? candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct())
            if (ImportsTorch(candidate!)) return candidate;
        return null;
    }

    /// <summary>
    /// Converts <paramref name="source"/> into the safetensors file <paramref name="output"/>; a failure of the script
    /// is a <see cref="ChestDxException"/> with its last error line.
    /// </summary>
    public static void Convert(string python, string source, ModelSourceFormat? format, string output)
    {
        string script = Path.Combine(Path.GetDirectoryName(output)!, ScriptName);
        File.WriteAllText(script, ScriptText());
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string arg in new[] { script, Path.GetFullPath(source), output, "--format", FormatArgument(format) })
            psi.ArgumentList.Add(arg);
        using Process p = Process.Start(psi) ?? throw new ChestDxException($"could not start {python}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0)
        {
            string last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
                          ?? $"exit code {p.ExitCode}";
            throw ChestDxException.ForFile(source, $"the converter failed ({python}): {last.Trim()}");
        }
    }

    /// <summary>The command a user runs where Python with PyTorch is installed.</summary>
    public static string ManualCommand(string source, ModelSourceFormat? format)
    {
        string converted = Path.GetFileNameWithoutExtension(source) + ".converted.safetensors";
        return $"python3 scripts/{ScriptName} {source} {converted} --format {FormatArgument(format)}";
    }

    private static string FormatArgument(ModelSourceFormat? format) =>
        format is { } f ? Choice<ModelSourceFormat>.Name(f) : "auto";

    private static bool ImportsTorch(string python)
    {
        try
        {
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("import torch");
            using Process? p = Process.Start(psi);
            if (p is null) return false;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
