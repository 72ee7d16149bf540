using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Packs;
using ChestDx.Ingest.Packs;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>`chestdx pack verify PACK [--source DIR]`:
/// exit 0 when every check passes, 1 with the problems listed otherwise.</summary>
internal static class PackVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var pack = new Argument<string>("PACK") { Description = "Pack directory" };
        var source = new Option<string?>("--source")
        {
            Description = "Also re-hash the source files and check every file of this folder is accounted for",
        };
        var command = new Command("verify",
            "Re-check a pack: image hashes, sizes, counts, patient leakage between splits (and sources).")
        {
            pack, source,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            string dir = parse.GetValue(pack)!;
            VerifyReport report = PackVerifier.Verify(dir, parse.GetValue(source), context.CreateProgress(), cancel);
            PackTables.Render(context.Console, dir, report.Info,
                RejectedCsv.Read(Path.Combine(dir, PackFormat.RejectedFile)));
            if (report.Problems.Count == 0)
            {
                context.Console.MarkupLine($"[green]ok[/]: {report.ImagesChecked} image hashes and counts verified" +
                    (report.SourcesChecked > 0 ? $", {report.SourcesChecked} source files re-hashed" : "") + "; " +
                    (report.Disjointness.Verified
                        ? Markup.Escape(report.Disjointness.Text)
                        : $"[yellow]{Markup.Escape(report.Disjointness.Text)}[/]"));
                return 0;
            }
            foreach (string problem in report.Problems)
                context.Error.WriteLine($"chestdx pack verify: error: {dir}: {problem}");
            context.Error.WriteLine($"chestdx pack verify: error: {dir}: {report.Problems.Count} problem(s)");
            return 1;
        });
        return command;
    }
}
