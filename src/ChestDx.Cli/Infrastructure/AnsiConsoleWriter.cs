using System.Text;
using Spectre.Console;

namespace ChestDx.Cli.Infrastructure;

/// <summary>Lets System.CommandLine's help and parse errors
/// go through the same IAnsiConsole as everything else.</summary>
internal sealed class AnsiConsoleWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;
    public override void Write(char value) => console.Write(new Text(value.ToString()));
    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value)) console.Write(new Text(value));
    }
    public override void WriteLine(string? value) => console.WriteLine(value ?? "");
}
