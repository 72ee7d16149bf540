using System.CommandLine;
using System.Globalization;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Packs;
using ChestDx.Training.Settings;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Demo;

/// <summary>
/// <c>chestdx demo [--out DIR]</c>: the whole pipeline on the 11 real NIH radiographs that ship with ChestDx, by
/// running the same verbs a user would (ingest → train → predict → evaluate), each printed before it runs so the demo
/// doubles as a worked example of the real-data path. Official NIH split: 6 test images; the 5 train_val images split
/// into train and val by patient.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Where the build copies samples/nih-cxr14 (ChestDx.Cli.csproj).</summary>
    public static string DefaultSample => Path.Combine(AppContext.BaseDirectory, "samples", "nih-cxr14");

    /// <summary>
    /// The sample the printed commands name: the repository's samples/nih-cxr14 when the user stands in a checkout
    /// that has the same labels file (the short path they can see), else the copy beside the program.
    /// </summary>
    private static string SampleFor(string currentDirectory)
    {
        string local = Path.Combine(currentDirectory, "samples", "nih-cxr14");
        const string labels = "Data_Entry_sample.csv";
        bool same = File.Exists(Path.Combine(local, labels)) && Directory.Exists(Path.Combine(local, "images"))
            && File.Exists(Path.Combine(DefaultSample, labels))
            && File.ReadAllBytes(Path.Combine(local, labels))
                .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(DefaultSample, labels)));
        return same ? local : DefaultSample;
    }

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "Directory for the pack, run, predictions and report.",
            DefaultValueFactory = _ => "chestdx-demo",
        };
        var sample = new Option<string>("--sample")
        {
            Description = "Folder with images/ and Data_Entry_sample.csv [default: the bundled NIH sample]",
        };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 5 };
        var device = ComputeOptions.Device();
        var threads = ComputeOptions.Threads();
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an earlier demo in --out." };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Print the commands the demo runs, to copy and adapt, and run none of them.",
        };
        var command = new Command("demo",
            "Run ingest → train → predict → evaluate on the bundled sample of 11 NIH radiographs " +
            "(a pipeline check; under a minute on a CPU).")
        {
            output, sample, epochs, device, threads, overwrite, dryRun,
        };
        context.SetHandler(command, (parse, _) =>
        {
            string here = Environment.CurrentDirectory;
            string sampleDir = Path.GetFullPath(parse.GetValue(sample) ?? SampleFor(here));
            string images = Path.Combine(sampleDir, "images");
            string labels = Path.Combine(sampleDir, "Data_Entry_sample.csv");
            if (!Directory.Exists(images) || !File.Exists(labels))
                throw new ChestDxException($"{sampleDir}: not a demo sample (needs images/ and Data_Entry_sample.csv)");

            string outDir = Path.GetFullPath(parse.GetValue(output)!);
            bool dry = parse.GetValue(dryRun);
            if (!dry) PrepareOutput(outDir, parse.GetValue(overwrite));
            // The steps name paths as the user would type them where they stand (printed and run alike).
            string P(string name) => ShellWords.Relative(Path.Combine(outDir, name), here);
            images = ShellWords.Relative(images, here);
            labels = ShellWords.Relative(labels, here);
            string epochText = parse.GetValue(epochs).ToString(CultureInfo.InvariantCulture);
            string dev = Choice<DeviceChoice>.Name(device.Get(parse));
            string threadText = parse.GetValue(threads).ToString(CultureInfo.InvariantCulture);

            string[][] steps =
            [
                // NIH images are public and their patient ids are NIH's own numbers: no site key needed.
                ["ingest", "--source", images, "--labels", labels, "--out", P("pack"), "--split", "official",
                    "--val-fraction", "0.2", "--no-pseudonym"],
                ["train", "--data", P("pack"), "--out", P("run"), "--epochs", epochText, "--device", dev,
                    "--threads", threadText],
                ["predict", "--model", P("run"), "--data", P("pack"), "--split", "val", "--out",
                    P("val_predictions.csv"), "--device", dev, "--threads", threadText],
                ["predict", "--model", P("run"), "--data", P("pack"), "--split", "test", "--out",
                    P("predictions.csv"), "--device", dev, "--threads", threadText, "--cam", P("cams"),
                    "--cam-top", "1"],
                ["evaluate", "--predictions", P("predictions.csv"), "--labels", labels, "--out", P("report"),
                    "--val-predictions", P("val_predictions.csv"), "--val-labels", labels,
                    "--threshold-policy", "max-f1", "--bootstrap", "2000"],
            ];
            foreach (string[] step in steps)
            {
                // Whole, on one line, past the console width: a Rule cut it, hiding --val-fraction.
                context.Console.Profile.Out.Writer.WriteLine($"$ chestdx {ShellWords.Join(step)}");
                if (dry) continue;
                int exit = ChestDxApp.Invoke(context, step);
                if (exit != 0)
                {
                    context.Error.WriteLine($"chestdx demo: error: step `chestdx {step[0]}` failed with exit code " +
                                            $"{exit}; its output is above");
                    return exit;
                }
            }

            if (dry) return 0;
            Dictionary<string, int> counts = DatasetPack.ReadInfo(P("pack")).Splits
                .ToDictionary(s => s.Key, s => s.Value.Images);
            context.Console.Write(new Rule("[bold]done[/]").LeftJustified());
            TextWriter plain = context.Console.Profile.Out.Writer;
            plain.WriteLine(
                $"report: {P(Path.Combine("report", "report.html"))} (also report.md, metrics.json, per_class.csv)");
            plain.WriteLine(
                $"model:  {P(Path.Combine("run", "model.safetensors"))}; class activation maps: {P("cams")}");
            context.Console.MarkupLine(
                "[yellow]This is a pipeline check, not a diagnostic model:[/] it was trained from scratch for "
                + ($"{epochText} epochs on {counts.GetValueOrDefault("train")} images and is scored on "
                   + $"{counts.GetValueOrDefault("test")}, so its AUROCs mean nothing. For a real model see README.md "
                   + $"(ChestX-ray14, ImageNet weights, a GPU)."));
            return 0;
        });
        return command;
    }

    /// <summary>An earlier demo is replaced only on request;
    /// a folder with anything else in it is never touched.</summary>
    private static void PrepareOutput(string outDir, bool overwrite)
    {
        string[] ours = ["pack", "run", "cams", "report", "predictions.csv", "val_predictions.csv"];
        if (!Directory.Exists(outDir) || !Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            Directory.CreateDirectory(outDir);
            return;
        }
        // Dot-files are the steps' output locks (.predictions.csv.chestdx.lock …), which stay after a run.
        string[] foreign = Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName)
            .Where(n => !ours.Contains(n) && !n!.StartsWith('.')).ToArray()!;
        if (foreign.Length > 0)
            throw new ChestDxException($"{outDir}: not empty and not an earlier demo (has " +
                                       $"{string.Join(", ", foreign.Take(3))}); choose another --out");
        if (!overwrite)
            throw new ChestDxException(
                $"{outDir}: holds an earlier demo; pass --overwrite to replace it or choose another --out");
        foreach (string name in ours)
        {
            string path = Path.Combine(outDir, name);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }

}
