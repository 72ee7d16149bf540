using System.Xml.Linq;
using Xunit;

namespace ChestDx.Cli.Tests.Repository;

/// <summary>
/// What `dotnet pack` puts in each package (issue 14, item 6), read from the project files instead of packing, which
/// takes minutes (.ci/tool-install-check.sh packs and installs the tool in CI): every packable project under src/ has
/// its own one-sentence description and a README.md, the shared metadata names the repository's licence, and chestdx
/// packs as a .NET tool. A new project under src/ must say whether it is packable.
/// </summary>
public sealed class PackageMetadataTests
{
    private static readonly string[] PackableProjects =
    [
        "ChestDx.Cli", "ChestDx.Core", "ChestDx.Dicom", "ChestDx.Evaluation", "ChestDx.Imaging", "ChestDx.Ingest",
        "ChestDx.Onnx", "ChestDx.Phantoms", "ChestDx.Training",
    ];

    [Fact]
    public void Exactly_the_library_projects_and_the_cli_are_packable()
    {
        string[] packable = Directory.GetDirectories(Path.Combine(SourceTree.Root(), "src"))
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => Property(ProjectFile(name), "IsPackable") != "false")
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(PackableProjects, packable);
    }

    [Fact]
    public void Every_packable_project_has_a_description_and_a_readme()
    {
        string[] problems = PackableProjects
            .SelectMany(p => Problems(p, ProjectFile(p), Path.Combine(SourceTree.Root(), "src", p))).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_shared_metadata_names_the_repository_licence_readme_and_xml_docs()
    {
        XDocument props = XDocument.Load(Path.Combine(SourceTree.Root(), "Directory.Build.props"));
        string licence = File.ReadLines(Path.Combine(SourceTree.Root(), "LICENSE")).First();
        Assert.Equal("MIT License", licence);
        Assert.Equal("MIT", Property(props, "PackageLicenseExpression"));
        Assert.Equal("README.md", Property(props, "PackageReadmeFile"));
        Assert.Equal("true", Property(props, "GenerateDocumentationFile"));
        Assert.Equal("git", Property(props, "RepositoryType"));
        Assert.False(string.IsNullOrWhiteSpace(Property(props, "Authors")));
        Assert.Matches(@"^\d+\.\d+\.\d+", Property(props, "Version") ?? "");
    }

    [Fact]
    public void Chestdx_packs_as_a_dotnet_tool_for_linux_x64()
    {
        XDocument cli = ProjectFile("ChestDx.Cli");
        Assert.Equal("true", Property(cli, "PackAsTool"));
        Assert.Equal("chestdx", Property(cli, "ToolCommandName"));
        Assert.Equal("linux-x64", Property(cli, "ToolPackageRuntimeIdentifiers"));
    }

    /// <summary>The check above can fail: the SDK's placeholder, a missing description and a missing readme are
    /// found.</summary>
    [Fact]
    public void A_placeholder_description_or_a_missing_readme_is_reported()
    {
        string empty = Directory.CreateTempSubdirectory("chestdx-pack-meta-").FullName;
        try
        {
            XDocument placeholder = XDocument.Parse(
                "<Project><PropertyGroup><Description>Package Description</Description></PropertyGroup></Project>");
            XDocument none = XDocument.Parse("<Project><PropertyGroup /></Project>");
            Assert.Equal(2, Problems("P", placeholder, empty).Count());
            Assert.Contains(Problems("Q", none, empty), p => p.Contains("no <Description>", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static IEnumerable<string> Problems(string project, XDocument csproj, string folder)
    {
        string? description = Property(csproj, "Description");
        if (string.IsNullOrWhiteSpace(description)) yield return $"{project}: no <Description>";
        else if (description == "Package Description" || !description.EndsWith('.'))
            yield return $"{project}: <Description> is not a sentence of its own: '{description}'";
        if (!File.Exists(Path.Combine(folder, "README.md")))
            yield return $"{project}: no README.md (the package readme)";
    }

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();

    private static XDocument ProjectFile(string project) =>
        XDocument.Load(Path.Combine(SourceTree.Root(), "src", project, project + ".csproj"));

}
