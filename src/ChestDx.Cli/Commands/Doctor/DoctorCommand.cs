using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChestDx.Cli.Infrastructure;
using ChestDx.Dicom.Codecs;
using ChestDx.Training.Diagnostics;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Doctor;

/// <summary>
/// <c>chestdx doctor [--json] [--require-cuda]</c>: what this install is and whether it can train. Exit 0 when it can
/// (libtorch loads and a tiny training step on the CPU fits a batch), 1 otherwise; with --require-cuda, also 1 unless
/// the same step passes on CUDA, so GPU job scripts can fail before they queue hours of work.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var requireCuda = new Option<bool>("--require-cuda")
        {
            Description = "Exit 1 unless CUDA is available and a training step on it passes.",
        };
        var noSmoke = new Option<bool>("--no-smoke")
        {
            Description = "Skip the training smoke step (report only what loaded).",
        };
        var command = new Command("doctor",
            "Check the install: .NET, libtorch backend and version, CUDA and cuDNN, threads, native DICOM codecs; " +
            "exit 0 when it can train.")
        {
            json, requireCuda, noSmoke,
        };
        context.SetHandler(command, (parse, _) =>
        {
            bool smoke = !parse.GetValue(noSmoke);
            DoctorReport report = DoctorReport.Gather(smoke);
            if (parse.GetValue(json))
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            else Render(context.Console, report, smoke);

            if (!smoke) return report.Torch is null ? 1 : 0;
            if (!report.CanTrain) return 1;
            return parse.GetValue(requireCuda) && !report.CanTrainOnCuda ? 1 : 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, DoctorReport r, bool smoke)
    {
        var system = new Table().Title("system").HideHeaders().AddColumns("", "");
        system.AddRow("chestdx", Markup.Escape(r.ChestDxVersion));
        system.AddRow(".NET", Markup.Escape(r.DotNet));
        system.AddRow("OS", Markup.Escape($"{r.OperatingSystem} ({r.Architecture})"));
        system.AddRow("cores", r.Cores.ToString(CultureInfo.InvariantCulture));
        system.AddRow("memory", $"{r.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB");
        if (r.LoadAverage is { } load)
            system.AddRow("load (1 min)", load.ToString("0.00", CultureInfo.InvariantCulture));
        console.Write(system);

        var torch = new Table().Title("torch").HideHeaders().AddColumns("", "");
        if (r.Torch is { } t)
        {
            torch.AddRow("backend", t.Backend);
            torch.AddRow("TorchSharp", Markup.Escape(t.TorchSharpVersion));
            torch.AddRow("libtorch",
                Markup.Escape($"{t.LibTorchVersion ?? "unknown version"} ({t.LibTorchPath ?? "path unknown"})"));
            torch.AddRow("CUDA", t.CudaAvailable
                ? Markup.Escape($"yes: {t.CudaDevices} device(s) {string.Join(", ", t.CudaDeviceNames)}")
                : "no");
            torch.AddRow("cuDNN", t.CudnnAvailable ? "yes" : "no");
            torch.AddRow("threads", $"{t.Threads} of {t.Cores} cores");
            torch.AddRow("oneDNN CPU kernels", Markup.Escape(t.OneDnnCpuKernels));
            torch.AddRow("bf16 autocast", t.AutocastAvailable
                ? "available"
                : Markup.Escape($"unavailable (missing {string.Join(", ", t.AutocastSymbolsMissing)}): fp32 only"));
        }
        else torch.AddRow("[red]not loaded[/]", Markup.Escape(r.TorchProblem ?? "unknown"));
        console.Write(torch);

        var codecs = new Table().Title("optional DICOM codecs").AddColumns("library", "decodes", "status");
        foreach (NativeCodecLibrary c in r.Codecs)
            codecs.AddRow(c.Name, Markup.Escape(c.TransferSyntaxes), Markup.Escape(c.Found
                ? $"found {c.Version} ({c.Path ?? c.LoadedAs})"
                : c.Problem ?? $"not found: apt-get install {c.DebianPackage}"));
        console.Write(codecs);

        if (smoke && r.Torch is not null)
        {
            var checks = new Table().Title("training smoke step (tiny DenseNet, 5 Adam steps on one batch)")
                .AddColumns("device", "result", "loss first → last", "ms");
            foreach (SmokeCheckResult s in r.Smoke)
                checks.AddRow(s.Device, s.Passed ? "[green]pass[/]" : "[red]FAIL[/] " + Markup.Escape(s.Problem ?? ""),
                    s.Losses.Count > 0 ? $"{s.Losses[0]:0.0000} → {s.Losses[^1]:0.0000}" : "-",
                    s.Milliseconds.ToString("0", CultureInfo.InvariantCulture));
            console.Write(checks);
        }
        console.WriteLine(Verdict(r, smoke));
    }

    private static string Verdict(DoctorReport r, bool smoke) => (smoke, r.CanTrain, r.CanTrainOnCuda) switch
    {
        (false, _, _) => "smoke step skipped",
        (true, false, _) => "NOT ready: this install cannot train (see above)",
        (true, true, true) => "ready: can train on CUDA and CPU",
        _ => r.Torch?.CudaAvailable == true
            ? "ready: can train on the CPU (CUDA present but its step failed)"
            : "ready: can train on the CPU (no CUDA)",
    };
}
