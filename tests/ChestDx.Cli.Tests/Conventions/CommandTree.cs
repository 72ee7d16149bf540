using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace ChestDx.Cli.Tests.Conventions;

/// <summary>Every command of the tree <see cref="ChestDxApp.Build"/> makes, found by walking it,
/// with its path.</summary>
internal static class CommandTree
{
    public static IReadOnlyList<(string Path, Command Command)> All()
    {
        RootCommand root = ChestDxApp.Build(new CliContext(new TestConsole(), new StringWriter(), TimeProvider.System));
        var all = new List<(string, Command)>();
        void Walk(Command command, string path)
        {
            foreach (Command sub in command.Subcommands)
            {
                string subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
                all.Add((subPath, sub));
                Walk(sub, subPath);
            }
        }
        Walk(root, "");
        return all;
    }

    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach ((string path, _) in All()) data.Add(path);
        return data;
    }

    public static Command Find(string path) => All().Single(c => c.Path == path).Command;

    public static string[] Args(string path, params string[] rest) => [.. path.Split(' '), .. rest];
}
