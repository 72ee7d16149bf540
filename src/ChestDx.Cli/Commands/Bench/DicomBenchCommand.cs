using System.CommandLine;
using System.Globalization;
using ChestDx.Bench;
using ChestDx.Bench.Dicom;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench dicom`: ChestDx's reader next to dcmtk and pydicom on the same files (<see cref="DicomBench"/>);
/// this verb parses the options and renders the table.
/// </summary>
internal static class DicomBenchCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILES")
        {
            Description = "DICOM files to benchmark [default: tests/data/dicom/real-cxr/*.dcm under the current "
                + "directory]",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var iterations = new Option<int>("--iterations")
        {
            Description = "Timed runs per image and tool (median reported).", DefaultValueFactory = _ => 9,
        };
        var noLarge = new Option<bool>("--no-large")
        {
            Description = "Skip generating the 3000x2500 12-bit frames with dcmtk.",
        };
        var command = new Command("dicom",
            "DICOM decode/render/header-scan speed: ChestDx vs dcmtk (dcmdjpeg/dcmdrle/dcmj2pnm) and pydicom.")
        {
            files, iterations, noLarge,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            int runs = parse.GetValue(iterations);
            if (runs < 1) throw new ChestDxException($"--iterations {runs}: must be at least 1");
            var settings = new DicomBenchSettings
            {
                Files = parse.GetValue(files) ?? [], Runs = runs, GenerateLarge = !parse.GetValue(noLarge),
            };
            DicomBenchReport report = DicomBench.Run(settings, m => context.Console.WriteLine(m), cancel);
            Render(context.Console, report);
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, DicomBenchReport report)
    {
        var table = new Table().AddColumns("Image", "Syntax", "Operation", "ChestDx ms", "dcmtk ms", "pydicom ms",
            "dcmtk / ChestDx", "pydicom / ChestDx");
        foreach (DicomBenchRow row in report.Rows)
            table.AddRow(Markup.Escape(row.Image), row.Syntax, row.Operation, Cell(row.ChestDx), Cell(row.Dcmtk),
                Cell(row.Pydicom), Ratio(row.DcmtkRatio), Ratio(row.PydicomRatio));
        console.Write(table);
        if (report.DcmtkStartup is { } start)
            console.WriteLine($"dcmtk process start-up (dcmdjpeg --version): {start.Ms:0.0}"
                + $" ms median; dcmtk times include it and writing the output file.");
        console.WriteLine($"Medians of {report.Runs} runs after one warm-up; ratio > 1 means ChestDx is faster. "
                          + "ChestDx decode = read file + decode frame 1; "
                          + "render = decode + min/max VOI to 8 bits (dcmtk: dcmj2pnm +Wm); "
                          + "pydicom decode = dcmread + pixel_array.");
    }

    private static string Cell(MedianMs median) =>
        median.Ms is { } v
            ? v.ToString("0.00", CultureInfo.InvariantCulture)
            : Markup.Escape(Shorten(median.Problem ?? "-"));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static string Ratio(double? ratio) =>
        ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
