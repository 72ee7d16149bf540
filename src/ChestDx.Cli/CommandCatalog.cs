using System.CommandLine;
using ChestDx.Cli.Commands.Bench;
using ChestDx.Cli.Commands.Synth;
using ChestDx.Cli.Infrastructure;

namespace ChestDx.Cli;

/// <summary>Every top-level verb, one line each. Each verb lives in Commands/ as a settings record plus a thin handler.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return BenchCommand.Create(context);
        yield return SynthCommand.Create(context);
    }
}
