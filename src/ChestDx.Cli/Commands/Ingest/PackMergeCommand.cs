using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Packs;
using ChestDx.Ingest.Packs;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>`chestdx pack merge OUT SHARD…`:
/// the packs of `ingest --shard i/N` runs → the pack of a single run.</summary>
internal static class PackMergeCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Argument<string>("OUT") { Description = "New pack directory" };
        var shards = new Argument<string[]>("SHARD")
        {
            Description = "Shard pack directories (any order)", Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("merge",
            "Join shard packs into the pack a single run would have made (byte for byte).")
        {
            output, shards,
        };
        context.SetHandler(command, (parse, _) =>
        {
            string outDir = parse.GetValue(output)!;
            using var writer = CliContext.LockDirectory(parse, outDir);
            PackInfo info = PackMerger.Merge(outDir, parse.GetValue(shards)!);
            PackTables.Render(context.Console, outDir, info,
                RejectedCsv.Read(Path.Combine(outDir, PackFormat.RejectedFile)));
            PackTables.RenderDisjointness(context.Console, outDir, info);
            return 0;
        });
        return command;
    }
}
