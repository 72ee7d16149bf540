using System.CommandLine;
using Spectre.Console;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// <c>-</c> as an output path means standard output (docs/cli.md). An option made by <see cref="FileOption"/> turns
/// <c>-</c> into a fresh file in a private temporary folder, so the stage writes, locks and checks it as any file and
/// nothing named <c>-</c> appears; <see cref="CliContext.SetHandler"/> then sends the command's own lines to stderr
/// while it runs, copies the file to stdout and deletes the folder. Every other <c>--out</c> refuses <c>-</c> with a
/// usage error (<see cref="RefuseDash"/>): a folder or a binary file cannot go to a terminal or a pipe.
/// </summary>
public static class StandardOutput
{
    public const string Dash = "-";

    /// <summary>
    /// Makes a token that looks like an option an error where a positional argument would take it: variadic
    /// positionals (pack merge's SHARD…, bench dicom's FILES) otherwise swallow a mistyped or unknown option as a path,
    /// as pack merge once took `--out` for its output. A file whose name starts with '-' is passed as ./-name.
    /// </summary>
    public static void RefuseOptionLikeArguments(Command command)
    {
        foreach (Argument argument in command.Arguments)
            argument.Validators.Add(r =>
            {
                foreach (var token in r.Tokens)
                    if (token.Value.Length > 1 && token.Value[0] == '-')
                        r.AddError($"unrecognized option '{token.Value}' (a file named so: ./{token.Value})");
            });
        foreach (Command sub in command.Subcommands) RefuseOptionLikeArguments(sub);
    }

    /// <summary>A text file output that may be <c>-</c>; <paramref name="fileName"/> names the stand-in file.</summary>
    public static Option<string> FileOption(string name, string description, string fileName, bool required = true)
    {
        var option = new StdoutFileOption(name, fileName)
        {
            Description = $"{description} - writes it to stdout.",
            Required = required,
        };
        return option;
    }

    /// <summary>The options that name a file or folder a command creates.</summary>
    private static readonly string[] OutputOptions = ["--out", "--json", "--id-map"];

    /// <summary>Adds the refusal of <c>-</c> to every output option in the tree that cannot write to stdout (without
    /// it, <c>--json -</c> created a file named <c>-</c>).</summary>
    public static void RefuseDash(Command command)
    {
        foreach (Option option in command.Options)
            if (OutputOptions.Contains(option.Name) && option is not StdoutFileOption)
                option.Validators.Add(r =>
                {
                    if (r.Tokens.Any(t => t.Value == Dash))
                        r.AddError($"{option.Name} -: this output cannot go to stdout (it is a folder, a binary "
                            + "file, or written beside other output); give it a path (docs/cli.md)");
                });
        foreach (Command sub in command.Subcommands) RefuseDash(sub);
    }

    /// <summary>How a summary line names an output: "stdout" for the stand-in of <c>-</c>, else the path.</summary>
    public static string Shown(string path) =>
        Path.GetFileName(Path.GetDirectoryName(path)) is { } folder
        && folder.StartsWith(StandInPrefix, StringComparison.Ordinal)
            ? "stdout"
            : path;

    private const string StandInPrefix = "chestdx-stdout-";

    /// <summary>
    /// The stand-in file of a <c>-</c> output given on this command line (its folder created), or null.
    /// </summary>
    internal static string? StandIn(Command command, ParseResult parse)
    {
        foreach (Option option in command.Options)
            if (option is StdoutFileOption o && parse.GetResult(o) is { Tokens.Count: > 0 } r
                && r.Tokens[^1].Value == Dash)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(o.StandIn)!);
                return o.StandIn;
            }
        return null;
    }

    /// <summary>Copies the stand-in file to stdout and removes its folder.</summary>
    internal static void Emit(IAnsiConsole console, string standIn)
    {
        TextWriter output = console.Profile.Out.Writer;
        using (var reader = new StreamReader(standIn)) output.Write(reader.ReadToEnd());
        output.Flush();
        Discard(standIn);
    }

    internal static void Discard(string standIn)
    {
        string? folder = Path.GetDirectoryName(standIn);
        if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>A console on stderr: where a command's summary lines go while stdout carries its file.</summary>
    internal static IAnsiConsole ErrorConsole(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(error), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary>An output file option whose <c>-</c> becomes a stand-in file.</summary>
    private sealed class StdoutFileOption : Option<string>
    {
        public StdoutFileOption(string name, string fileName) : base(name)
        {
            // One per command line (the tree is built per invocation); the folder is made only when the command
            // runs, so a usage error or --help leaves nothing behind.
            StandIn = Path.Combine(Path.GetTempPath(), $"{StandInPrefix}{Guid.NewGuid():N}", fileName);
            CustomParser = r => r.Tokens[^1].Value is var value && value == Dash ? StandIn : value;
        }

        public string StandIn { get; }
    }
}
