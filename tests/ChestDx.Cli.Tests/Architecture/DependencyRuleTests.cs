using System.Reflection;
using Xunit;

namespace ChestDx.Cli.Tests.Architecture;

/// <summary>
/// The dependency rules of ARCHITECTURE.md, read from the compiled assemblies' references (what the code uses, not
/// what a csproj lists: the compiler drops a reference nothing uses). A rule broken here is a layering change that
/// must be argued in ARCHITECTURE.md first.
/// </summary>
public sealed class DependencyRuleTests
{
    /// <summary>Each ChestDx assembly and the ChestDx assemblies it may reference.</summary>
    public static TheoryData<string, string[]> AllowedChestDxReferences => new()
    {
        { "ChestDx.Core", [] },
        { "ChestDx.Dicom", [] },
        { "ChestDx.Imaging", ["ChestDx.Core", "ChestDx.Dicom"] },
        { "ChestDx.Phantoms", ["ChestDx.Core"] },
        { "ChestDx.Ingest", ["ChestDx.Core", "ChestDx.Dicom", "ChestDx.Imaging"] },
        { "ChestDx.Evaluation", ["ChestDx.Core"] },
        { "ChestDx.Training", ["ChestDx.Core", "ChestDx.Imaging", "ChestDx.Evaluation"] },
        // ONNX export and ONNX Runtime inference: beside training, never through it (predict without libtorch).
        { "ChestDx.Onnx", ["ChestDx.Core", "ChestDx.Evaluation", "ChestDx.Imaging"] },
        // The benchmarks measure the stages and their codecs; no stage references them.
        {
            "ChestDx.Bench",
            [
                "ChestDx.Core", "ChestDx.Dicom", "ChestDx.Imaging", "ChestDx.Ingest", "ChestDx.Evaluation",
                "ChestDx.Training", "ChestDx.Onnx",
            ]
        },
        // The CLI hosts every stage: it parses, calls one entry point and renders.
        {
            "chestdx",
            [
                "ChestDx.Core", "ChestDx.Dicom", "ChestDx.Imaging", "ChestDx.Phantoms", "ChestDx.Ingest",
                "ChestDx.Evaluation", "ChestDx.Training", "ChestDx.Onnx", "ChestDx.Bench",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(AllowedChestDxReferences))]
    public void Assembly_references_only_the_ChestDx_assemblies_its_layer_allows(string assembly, string[] allowed)
    {
        string[] forbidden = ChestDxReferences(assembly).Except(allowed).ToArray();
        string allowedText = allowed.Length == 0 ? "none" : string.Join(", ", allowed);
        Assert.True(forbidden.Length == 0,
            $"{assembly} references {string.Join(", ", forbidden)}; allowed: {allowedText}");
    }

    /// <summary>
    /// Only training (and the CLI and benchmarks that host it) loads libtorch: DICOM, images, ingestion and evaluation
    /// run where it is not installed.
    /// </summary>
    [Theory]
    [InlineData("ChestDx.Core")]
    [InlineData("ChestDx.Dicom")]
    [InlineData("ChestDx.Imaging")]
    [InlineData("ChestDx.Phantoms")]
    [InlineData("ChestDx.Ingest")]
    [InlineData("ChestDx.Evaluation")]
    [InlineData("ChestDx.Onnx")]
    public void Assembly_does_not_reference_TorchSharp(string assembly) =>
        Assert.DoesNotContain(References(assembly), r => r.StartsWith("TorchSharp", StringComparison.Ordinal));

    /// <summary>
    /// The reader and the shared vocabulary stay free of image libraries: pixels come from ChestDx's own codecs.
    /// </summary>
    [Theory]
    [InlineData("ChestDx.Core")]
    [InlineData("ChestDx.Dicom")]
    [InlineData("ChestDx.Evaluation")]
    public void Assembly_does_not_reference_ImageSharp(string assembly) =>
        Assert.DoesNotContain(References(assembly), r => r.StartsWith("SixLabors", StringComparison.Ordinal));

    /// <summary>The rules above can fail: references are read from the compiled assemblies.</summary>
    [Fact]
    public void References_are_read_from_the_compiled_assemblies()
    {
        Assert.Contains("ChestDx.Evaluation", ChestDxReferences("ChestDx.Training"));
        Assert.Contains("ChestDx.Training", ChestDxReferences("chestdx"));
        Assert.Contains(References("ChestDx.Training"), r => r.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_ChestDx_assembly_in_the_output_has_a_rule()
    {
        string folder = AppContext.BaseDirectory;
        string[] found = Directory.GetFiles(folder, "ChestDx.*.dll").Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.Contains(".Tests", StringComparison.Ordinal)).Select(n => n!).Order().ToArray();
        string[] ruled = AllowedChestDxReferences.Select(row => (string)row[0]).ToArray();
        Assert.Empty(found.Except(ruled));
    }

    private static string[] References(string assembly) =>
        Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static IEnumerable<string> ChestDxReferences(string assembly) =>
        References(assembly).Where(r => r.StartsWith("ChestDx.", StringComparison.Ordinal) || r == "chestdx");
}
