using System.CommandLine;
using ChestDx.Core;
using ChestDx.Dicom;
using ChestDx.Core.Progress;
using Spectre.Console;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// What every command handler gets: the console for tables and progress, a writer for errors (stderr), and a clock.
/// Handlers never touch the static Console, so tests can capture everything.
/// </summary>
public sealed class CliContext(IAnsiConsole console, TextWriter error, TimeProvider time)
{
    public IAnsiConsole Console { get; } = console;
    public TextWriter Error { get; } = error;
    public TimeProvider Time { get; } = time;

    /// <summary>A progress sink drawing a bar on a terminal and milestone lines in logs.</summary>
    public IProgressSink CreateProgress() => new ConsoleProgressSink(Console, Error, Time);

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="handler"/>, turning input errors into one line on
    /// stderr ("chestdx VERB: error: FILE: problem") and exit code 1. Other exceptions are bugs and keep their trace.
    /// </summary>
    public void SetHandler(Command command, Func<ParseResult, CancellationToken, int> handler)
    {
        command.SetAction((parse, token) =>
        {
            try
            {
                return Task.FromResult(handler(parse, token));
            }
            catch (Exception e) when (UserFacing(e) is { } message)
            {
                Error.WriteLine($"chestdx {command.Name}: error: {message}");
                return Task.FromResult(1);
            }
            catch (OperationCanceledException)
            {
                Error.WriteLine($"chestdx {command.Name}: cancelled");
                return Task.FromResult(130);
            }
        });
    }

    /// <summary>
    /// The one-line message for errors about the user's input or machine; null for bugs. Stage libraries throw
    /// <see cref="ChestDxException"/>; the DICOM library (no ChestDx dependencies) throws its own DicomException.
    /// </summary>
    public static string? UserFacing(Exception e) => e switch
    {
        ChestDxException c => c.Message,
        DicomException d => d.FilePath is null || d.Message.StartsWith(d.FilePath, StringComparison.Ordinal) ? d.Message : $"{d.FilePath}: {d.Message}",
        FileNotFoundException f => f.FileName is null ? f.Message : $"{f.FileName}: file not found",
        DirectoryNotFoundException d => d.Message,
        UnauthorizedAccessException u => u.Message,
        _ => null,
    };
}
