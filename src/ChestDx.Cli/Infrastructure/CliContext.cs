using System.CommandLine;
using System.CommandLine.Parsing;
using ChestDx.Core.IO;
using ChestDx.Core.Progress;
using Spectre.Console;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// What every command handler gets: the console for tables and progress, a writer for errors (stderr), and a clock.
/// Handlers never touch the static Console, so tests can capture everything.
/// </summary>
public sealed class CliContext(IAnsiConsole console, TextWriter error, TimeProvider time)
{
    /// <summary>Exit code of a run that failed on its input or environment (see <see cref="ErrorReport"/>).</summary>
    public const int Failed = 1;

    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    private IAnsiConsole? _results;

    /// <summary>Results (tables, paths written); stderr's console while stdout carries a <c>-</c> output.</summary>
    public IAnsiConsole Console => _results ?? console;
    public TextWriter Error { get; } = error;
    public TimeProvider Time { get; } = time;

    /// <summary>A progress sink drawing a bar on a terminal and milestone lines in logs.</summary>
    public IProgressSink CreateProgress() => new ConsoleProgressSink(Console, Error, Time);

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="handler"/>, turning input and environment errors
    /// into one line on stderr ("chestdx COMMAND PATH: error: FILE: problem", see <see cref="ErrorReport"/>) and exit
    /// code 1; --verbose or CHESTDX_VERBOSE=1 adds the stack trace. Other exceptions are bugs and keep their trace.
    /// </summary>
    public void SetHandler(Command command, Func<ParseResult, CancellationToken, int> handler)
    {
        command.SetAction((parse, token) =>
        {
            string? standIn = StandardOutput.StandIn(command, parse);
            IAnsiConsole? previous = _results;
            try
            {
                if (standIn is null) return Task.FromResult(handler(parse, token));
                _results = StandardOutput.ErrorConsole(Error);
                int exit = handler(parse, token);
                _results = previous;
                if (exit == 0) StandardOutput.Emit(Console, standIn);
                return Task.FromResult(exit);
            }
            catch (OperationCanceledException)
            {
                Error.WriteLine($"chestdx {CommandPath(parse)}: cancelled");
                return Task.FromResult(Cancelled);
            }
            catch (Exception e) when (ErrorReport.Describe(e) is { } message)
            {
                Error.WriteLine($"chestdx {CommandPath(parse)}: error: {message}");
                if (IsVerbose(parse)) Error.WriteLine(e.ToString());
                return Task.FromResult(Failed);
            }
            finally
            {
                _results = previous;
                if (standIn is not null) StandardOutput.Discard(standIn);
            }
        });
    }

    /// <summary>
    /// Takes the exclusive lock on an output folder for the rest of the command (see <see cref="OutputLock"/>); a
    /// second run on the same folder fails with one line naming the folder and the holder, having touched nothing.
    /// </summary>
    public static OutputLock LockDirectory(ParseResult parse, string directory) =>
        OutputLock.ForDirectory(directory, HolderCommand(parse));

    /// <summary>As <see cref="LockDirectory"/>, for a command whose output is one file.</summary>
    public static OutputLock LockFile(ParseResult parse, string file) => OutputLock.ForFile(file, HolderCommand(parse));

    /// <summary>The global --verbose option (added to the root command; every subcommand accepts it).</summary>
    public static Option<bool> CreateVerboseOption() => new(VerboseOption)
    {
        Description = $"On an error, also print the .NET stack trace (or set {VerboseVariable}=1).",
        Recursive = true,
    };

    public const string VerboseOption = "--verbose";
    public const string VerboseVariable = "CHESTDX_VERBOSE";

    private static bool IsVerbose(ParseResult parse)
    {
        string? variable = Environment.GetEnvironmentVariable(VerboseVariable);
        if (variable is "1" or "true" or "yes") return true;
        try { return parse.GetValue<bool>(VerboseOption); }
        catch (InvalidOperationException) { return false; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>"pack verify", "dicom export", "ingest":
    /// the verbs from the root down to the command that ran.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (CommandResult? c = parse.CommandResult; c is not null; c = c.Parent as CommandResult)
            if (c.Command is not RootCommand) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>
    /// What the lock's holder file says the run is: the command path only. Its arguments name source folders, which
    /// in a hospital export carry patient names, and a killed run leaves the holder file in the output.
    /// </summary>
    private static string HolderCommand(ParseResult parse) => "chestdx " + CommandPath(parse);
}
