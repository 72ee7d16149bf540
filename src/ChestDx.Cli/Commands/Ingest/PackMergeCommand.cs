using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Packs;
using ChestDx.Ingest.Packs;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>`chestdx pack merge SHARD… --out PACK`:
/// the packs of `ingest --shard i/N` runs → the pack of a single run.</summary>
internal static class PackMergeCommand
{
    public static Command Create(CliContext context)
    {
        // --out like every command's output (docs/cli.md). It was a first positional OUT, which took a mistyped
        // `--out` for the output's name; positionals are now only the shards.
        var output = new Option<string>("--out") { Description = "New pack directory", Required = true };
        var shards = new Argument<string[]>("SHARD")
        {
            Description = "Shard pack directories (any order)", Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("merge",
            "Join shard packs into the pack a single run would have made (byte for byte).")
        {
            shards, output,
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
