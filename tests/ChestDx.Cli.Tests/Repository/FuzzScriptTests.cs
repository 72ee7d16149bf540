using System.Reflection;
using System.Text.RegularExpressions;

namespace ChestDx.Cli.Tests.Repository;

/// <summary>
/// tests/fuzz/run.sh names, per target, the assemblies SharpFuzz instruments and the namespace whose code it
/// instruments. Neither is compiled, so a move of the code under test leaves the script behind: the PNG decoder moved
/// from ChestDx.Ingest to ChestDx.Imaging and `run.sh png` then failed ("Specified file does not exist") until campaign
/// 7. The CLI's test binaries hold every assembly the harness publishes, so the names are checked against them.
/// </summary>
public sealed partial class FuzzScriptTests
{
    [Fact]
    public void Every_assembly_and_namespace_run_sh_instruments_exists()
    {
        string script = File.ReadAllText(Path.Combine(SourceTree.Root(), "tests", "fuzz", "run.sh"));
        var targets = TargetLine().Matches(script).ToList();
        Assert.Equal(["part10", "rle", "jpeg-lossless", "jpeg-dct", "png"], targets.Select(m => m.Groups[1].Value));

        foreach (Match target in targets)
        {
            foreach (Match spec in Quoted().Matches(target.Groups[2].Value))
            {
                string[] parts = spec.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string dll = Path.Combine(AppContext.BaseDirectory, parts[0]);
                Assert.True(File.Exists(dll), $"run.sh {target.Groups[1].Value}: {parts[0]} is not a built assembly");
                if (parts.Length < 2) continue;
                string prefix = parts[1];
                var namespaces = Assembly.LoadFrom(dll).GetTypes().Select(t => t.Namespace ?? "").ToHashSet();
                Assert.True(namespaces.Any(n => n == prefix || n.StartsWith(prefix + ".", StringComparison.Ordinal)),
                    $"run.sh {target.Groups[1].Value}: {parts[0]} has no namespace {prefix}");
            }
        }
    }

    // e.g.  png)           dict=png.dict;   instrument=("ChestDx.Imaging.dll ChestDx.Imaging.Png") ;;
    [GeneratedRegex(@"^\s*([a-z0-9-]+)\)\s+dict=[^;]*;\s+instrument=\(([^)]*)\)", RegexOptions.Multiline)]
    private static partial Regex TargetLine();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
