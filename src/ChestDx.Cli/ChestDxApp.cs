using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using Spectre.Console;

namespace ChestDx.Cli;

/// <summary>Builds the `chestdx` command tree. Tests run it against a Spectre TestConsole and a StringWriter.</summary>
public static class ChestDxApp
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "ChestDx: chest radiographs (DICOM, NIH ChestX-ray14 PNG) to a CheXNet-style DenseNet-121 and " +
            "evaluation reports.");
        root.Options.Add(CliContext.CreateVerboseOption());
        foreach (Command command in CommandCatalog.Create(context)) root.Subcommands.Add(command);
        StandardOutput.RefuseDash(root);
        StandardOutput.RefuseOptionLikeArguments(root);
        return root;
    }

    public static int Run(string[] args, IAnsiConsole console, TextWriter error, TimeProvider? time = null)
    {
        var context = new CliContext(console, error, time ?? TimeProvider.System);
        return Invoke(context, args);
    }

    /// <summary>Runs one command line in <paramref name="context"/>;
    /// `chestdx demo` chains the real verbs through it.</summary>
    public static int Invoke(CliContext context, IReadOnlyList<string> args)
    {
        RootCommand root = Build(context);
        var config = new InvocationConfiguration
        {
            Output = new AnsiConsoleWriter(context.Console), Error = context.Error,
        };
        ParseResult parse = root.Parse(args);
        // A usage error is one line and exit 2 (docs/cli.md), not System.CommandLine's errors plus the whole help.
        return parse.Errors.Count > 0 ? UsageError.Report(context, parse) : parse.Invoke(config);
    }
}
