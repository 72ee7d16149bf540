using System.CommandLine;
using ChestDx.Cli.Infrastructure;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench STAGE`: speed of one stage next to a baseline run on the same machine in the same invocation
/// (dcmtk, Pillow, scikit-learn, PyTorch), printed as medians and ratios. Benchmarks, not timed unit tests: this is
/// where performance claims come from.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench",
            "Measure a stage's speed side by side with a reference implementation (medians and ratios).");
        foreach (Command stage in Stages(context)) command.Subcommands.Add(stage);
        return command;
    }

    // One line per stage benchmark.
    private static IEnumerable<Command> Stages(CliContext context)
    {
        yield return BenchTrainCommand.Create(context);
        yield return DicomBenchCommand.Create(context);
        yield return EvalBenchCommand.Create(context);
        yield return IngestBenchCommand.Create(context);
        yield return PredictBenchCommand.Create(context);
    }
}
