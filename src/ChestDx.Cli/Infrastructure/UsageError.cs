using System.CommandLine;
using System.CommandLine.Parsing;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// A command line the parser refused (unknown option, missing argument or required option, a value that is not one
/// of the choices): one line on stderr, <c>chestdx COMMAND PATH: error: what; see chestdx COMMAND PATH --help</c>,
/// and exit code 2, as POSIX utilities and Python's argparse do, so a script can tell "called wrongly" (2) from
/// "failed on its input" (1). The convention is written down in docs/cli.md.
/// </summary>
public static class UsageError
{
    /// <summary>Exit code of a command line that could not be parsed.</summary>
    public const int ExitCode = 2;

    public static int Report(CliContext context, ParseResult parse)
    {
        string path = CliContext.CommandPath(parse);
        string prefix = path.Length == 0 ? "chestdx" : $"chestdx {path}";
        // Distinct messages only: one unknown token can be reported both as unmatched and as an unknown command.
        string what = string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)).Distinct());
        context.Error.WriteLine($"{prefix}: error: {what} (see {prefix} --help)");
        return ExitCode;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
