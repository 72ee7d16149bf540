using System.CommandLine;
using System.CommandLine.Parsing;
using ChestDx.Core.IO;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// The command line as a report records it: the command path and every option, with each value that names a path
/// reduced to its last part ("/data/Smith^John/labels.csv" → "labels.csv"). The folders a user types may carry
/// patient or site names (the privacy rule CliContext's lock holder follows), and a report travels further than a
/// lock file; the file names left are the command's inputs and outputs, which is what a reader needs to match a
/// report to its files.
/// </summary>
public static class RecordedCommandLine
{
    public static string Of(ParseResult parse)
    {
        var parts = new List<string> { "chestdx" };
        foreach (Token token in parse.Tokens)
        {
            if (token.Type == TokenType.Directive) continue;
            string text = token.Type == TokenType.Argument ? LastPart(token.Value) : token.Value;
            parts.Add(text.Length == 0 || text.Any(char.IsWhiteSpace) ? $"'{text}'" : text);
        }
        return string.Join(' ', parts);
    }

    /// <summary>A value with a folder in it becomes its last part; any other value (a number, a choice, a class
    /// name, a bare file name) stays as typed.</summary>
    private static string LastPart(string value)
    {
        return value.IndexOfAny(['/', '\\']) < 0 ? value : FileNames.LastPart(value.Replace('\\', '/'));
    }
}
