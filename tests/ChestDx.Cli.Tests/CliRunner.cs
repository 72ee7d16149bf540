using ChestDx.Cli;
using Spectre.Console.Testing;

namespace ChestDx.Cli.Tests;

/// <summary>Runs one `chestdx` command line in-process against a test console: exit code, stdout and stderr.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(string[] args, int width = 200)
    {
        var console = new TestConsole().Width(width);
        var error = new StringWriter();
        int exit = ChestDxApp.Run(args, console, error);
        return (exit, console.Output, error.ToString());
    }
}
