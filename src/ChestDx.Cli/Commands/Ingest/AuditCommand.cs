using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Packs;
using ChestDx.Ingest.Audit;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>`chestdx audit PACK_A [PACK_B] --out DIR`:
/// dataset report, and shift sizes with transfer warnings for two packs.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var packA = new Argument<string>("PACK_A") { Description = "Pack to describe (e.g. the training data)" };
        var packB = new Argument<string?>("PACK_B")
        {
            Description = "Optional second pack to compare with (e.g. a hospital's data)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory for audit.md and audit.html", Required = true,
        };
        var command = new Command("audit",
            "Dataset report (views, demographics, labels, sources, intensities) and, for two packs, " +
            "how far they differ.")
        {
            packA, packB, output,
        };
        context.SetHandler(command, (parse, _) =>
        {
            string a = parse.GetValue(packA)!;
            string? b = parse.GetValue(packB);
            DatasetProfile profileA, profileB;
            using (DatasetPack pack = DatasetPack.Open(a))
                profileA = DatasetProfile.Build(Path.GetFileName(Path.TrimEndingDirectorySeparator(a)), pack);
            AuditReport report;
            if (b is null) report = AuditReport.Create(profileA, null);
            else
            {
                using (DatasetPack pack = DatasetPack.Open(b))
                    profileB = DatasetProfile.Build(Path.GetFileName(Path.TrimEndingDirectorySeparator(b)), pack);
                report = AuditReport.Create(profileA, profileB);
            }
            string outDir = parse.GetValue(output)!;
            report.Write(outDir);
            if (report.Shifts.Count > 0)
            {
                var table = new Table().AddColumn("what").AddColumn("measure")
                    .AddColumn(new TableColumn("value").RightAligned()).AddColumn("verdict");
                foreach (Shift s in report.Shifts)
                    table.AddRow(Markup.Escape(s.What), s.Measure, s.Value.ToString("0.000"), s.Verdict);
                context.Console.Write(table);
            }
            foreach (string w in report.Warnings) context.Error.WriteLine($"warning: {w}");
            context.Console.MarkupLine($"report: {Markup.Escape(Path.Combine(outDir, "audit.html"))} (and audit.md)");
            return 0;
        });
        return command;
    }
}
