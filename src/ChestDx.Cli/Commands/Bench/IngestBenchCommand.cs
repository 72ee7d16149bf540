using System.CommandLine;
using System.Globalization;
using ChestDx.Bench.Ingest;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench ingest`: PNG → pack images per second, ChestDx against Python/Pillow (<see cref="IngestBench"/>);
/// this verb parses the options and renders the table.
/// </summary>
internal static class IngestBenchCommand
{
    public static Command Create(CliContext context)
    {
        var images = new Option<string>("--images")
        {
            Description = "Folder of PNGs, e.g. an NIH images_001/images folder",
            DefaultValueFactory = _ => Path.Combine("samples", "nih-cxr14", "images"),
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Each file is processed this many times per run", DefaultValueFactory = _ => 5,
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Timed runs per configuration (median reported)", DefaultValueFactory = _ => 5,
        };
        var size = new Option<int>("--size") { Description = "Pack image side", DefaultValueFactory = _ => 256 };
        var python = new Option<string>("--python")
        {
            Description = "Python with Pillow (Debian: apt-get install python3-pil)",
            DefaultValueFactory = _ => "/usr/bin/python3",
        };
        var format = ChoiceOption.Create("--format",
            "Source images: png (the files as they are) or jpeg (cjpeg -quality 95 copies at 1024² and 2500×3000).",
            BenchImageFormat.Png);
        var command = new Command("ingest",
            "PNG or JPEG → pack images per second: ChestDx vs Python/Pillow, per core and all cores, with peak RSS.")
        {
            images, repeat, runs, size, python, format,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            if (parse.GetValue(runs) is var n and < 1) throw new ChestDxException($"--runs {n}: must be at least 1");
            var settings = new IngestBenchSettings
            {
                Images = parse.GetValue(images)!, Repeat = parse.GetValue(repeat), Runs = parse.GetValue(runs),
                Size = parse.GetValue(size),
                Python = parse.GetValue(python)!,
            };
            if (format.Get(parse) == BenchImageFormat.Jpeg)
            {
                JpegBenchReport jpeg = JpegIngestBench.Run(settings,
                    m => context.Console.MarkupLine(Markup.Escape(m)), cancel);
                RenderJpeg(context.Console, jpeg);
                return 0;
            }
            IngestBenchReport report = IngestBench.Run(settings,
                m => context.Console.MarkupLine(Markup.Escape(m)), cancel);
            Render(context.Console, report);
            return 0;
        });
        return command;
    }

    private static void RenderJpeg(IAnsiConsole console, JpegBenchReport report)
    {
        var table = new Table().AddColumn("source").AddColumn("cores").AddColumn("work")
            .AddColumn(new TableColumn("ChestDx img/s").RightAligned())
            .AddColumn(new TableColumn("Pillow img/s").RightAligned())
            .AddColumn(new TableColumn("Pillow draft img/s").RightAligned())
            .AddColumn(new TableColumn("ChestDx / draft").RightAligned())
            .AddColumn(new TableColumn("CPU ms/img ChestDx | draft").RightAligned())
            .AddColumn(new TableColumn("per core (CPU)").RightAligned());
        foreach (JpegBenchRow row in report.Rows)
            table.AddRow(row.Source, row.Workers.ToString(CultureInfo.InvariantCulture), row.Work,
                row.ChestDx.ToString("0.0"), row.Pillow?.ToString("0.0") ?? "–", row.PillowDraft.ToString("0.0"),
                $"{row.RatioToDraft:0.00}×",
                double.IsNaN(row.ChestDxCpuMs) ? "–" : $"{row.ChestDxCpuMs:0.00} | {row.PillowDraftCpuMs:0.00}",
                double.IsNaN(row.CpuRatioToDraft) ? "–" : $"{row.CpuRatioToDraft:0.00}×");
        console.Write(table);
        console.MarkupLine(Markup.Escape($"ChestDx decoder: {report.Decoder}; {report.ImagesPerRun} images per run"));
        console.MarkupLine(Markup.Escape("decode + resize: Pillow open → [draft(\"L\", (S, S))] → convert(\"L\") → "
            + "resize(BOX), ChestDx read → decode → area resample, both to a null sink; ingest step: ChestDx's whole "
            + "step, Pillow with draft plus the same SHA-256s, statistics and file write"));
    }

    private static void Render(IAnsiConsole console, IngestBenchReport report)
    {
        var table = new Table().AddColumn("configuration").AddColumn(new TableColumn("ChestDx img/s").RightAligned())
            .AddColumn(new TableColumn("Pillow img/s").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned());
        for (int i = 0; i < report.Rows.Count; i++)
        {
            IngestBenchRow row = report.Rows[i];
            table.AddRow(i == 0 ? "1 core" : $"{row.Workers} cores", row.ChestDx.ToString("0.0"),
                row.Pillow.ToString("0.0"), $"{row.Ratio:0.00}×");
        }
        console.Write(table);
        console.MarkupLine($"peak RSS: ChestDx {report.PeakRssKb / 1024} MiB after {report.ImagesPerRun}"
            + $"-image runs, {report.PeakRssLargeKb / 1024} MiB after a {4 * report.ImagesPerRun}"
            + $"-image run (flat = streaming); Pillow (all processes) {report.PillowRssKb / 1024} MiB");
        console.MarkupLine("Pillow: Image.open().convert(\"L\").resize((S,S), BOX) written to /dev/null; "
            + "ChestDx: read + SHA-256 + decode + area resample + statistics + pixel hash + write");
    }
}
