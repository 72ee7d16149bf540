using System.CommandLine;
using ChestDx.Cli.Infrastructure;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>`chestdx pack merge|verify`: operations on finished dataset packs.</summary>
internal static class PackCommand
{
    public static Command Create(CliContext context) =>
        new("pack", "Merge shard packs or verify a dataset pack.")
        {
            PackMergeCommand.Create(context),
            PackVerifyCommand.Create(context),
        };
}
