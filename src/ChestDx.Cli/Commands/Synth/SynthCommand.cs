using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.IO;
using ChestDx.Core.Classes;
using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Output;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Synth;

/// <summary>
/// `chestdx synth`: synthetic chest radiographs with planted findings and exact labels (PNGs + labels.csv +
/// phantoms.json), for proving that training learns without a GPU or downloaded data. See Phantoms/README.md.
/// </summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "Output folder (images/, labels.csv, phantoms.json). A rerun with the same settings resumes.",
            Required = true,
        };
        var count = new Option<int>("--count") { Description = "Number of images.", Required = true };
        var size = new Option<int>("--size")
        {
            Description = $"Image side in pixels ({PhantomOptions.MinSize}–" +
                          $"{PhantomOptions.MaxSize}; ChestX-ray14 is 1024).",
            DefaultValueFactory = _ => 256,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed: the same seed and settings give byte-identical files on any machine.",
            DefaultValueFactory = _ => 1UL,
        };
        var findings = new Option<string>("--findings")
        {
            Description = "Findings to plant: all, none, or a list such as Nodule,Effusion=0.3 (class=prevalence). "
                + "Plantable: " + string.Join(", ", FindingCatalog.All.Select(f => f.ClassName)) + ".",
            DefaultValueFactory = _ => "all",
        };
        var bits = new Option<int>("--bits") { Description = "PNG bit depth: 8 or 16.", DefaultValueFactory = _ => 8 };
        var perPatient = new Option<int>("--images-per-patient")
        {
            Description = "Films per patient (follow-ups share anatomy and chronic findings).",
            DefaultValueFactory = _ => 1,
        };
        var workers = new Option<int>("--workers")
        {
            Description = "Images rendered in parallel. [default: all cores]",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        var command = new Command("synth",
            "Make synthetic chest radiographs with planted findings (Nodule, Mass, Effusion, Cardiomegaly, " +
            "Pneumothorax, Atelectasis, Consolidation) and exact labels.")
        {
            output, count, size, seed, findings, bits, perPatient, workers,
        };
        context.SetHandler(command, (parse, ct) =>
        {
            using OutputLock writer = CliContext.LockDirectory(parse, parse.GetValue(output)!);
            var options = new PhantomOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                Count = parse.GetValue(count),
                Size = parse.GetValue(size),
                Seed = parse.GetValue(seed),
                Bits = parse.GetValue(bits),
                ImagesPerPatient = parse.GetValue(perPatient),
                Findings = FindingPrevalence.Parse(parse.GetValue(findings)!),
                Workers = parse.GetValue(workers),
            };
            PhantomRunSummary summary = PhantomGenerator.Generate(options, context.CreateProgress(), ct);
            context.Console.Write(Summary(options, summary));
            context.Console.MarkupLine(
                $"Wrote {summary.Written} images ({summary.Skipped} already there), {PhantomLabelsCsv.FileName} and " +
                $"{PhantomManifestJson.FileName} to {Markup.Escape(summary.Directory)}");
            return 0;
        });
        return command;
    }

    private static Table Summary(PhantomOptions options, PhantomRunSummary summary)
    {
        var table = new Table().AddColumns("Class", "Prevalence", "Positives", "Share");
        foreach (FindingPrevalence f in options.Findings)
        {
            FindingInfo info = FindingCatalog.Get(f.Kind);
            int positives = summary.Positives[info.ClassIndex];
            table.AddRow(info.ClassName, f.Prevalence.ToString("0.00"), positives.ToString(),
                (positives / (double)options.Count).ToString("P1"));
        }
        table.Caption($"{options.Count} images of {summary.Patients} patients, {options.Size}² "
            + $"{options.Bits}-bit, seed {options.Seed}; "
            + $"the other {ClassSet.ChestXray14.Count - options.Findings.Count} classes are 0 (not planted)");
        return table;
    }
}
