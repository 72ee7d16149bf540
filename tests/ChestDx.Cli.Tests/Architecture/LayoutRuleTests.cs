using System.Reflection;
using System.Text.RegularExpressions;
using ChestDx.Cli.Tests.Repository;
using Xunit;

namespace ChestDx.Cli.Tests.Architecture;

/// <summary>
/// The layout rules of ARCHITECTURE.md: folders (= namespaces) form no cycles inside a project, no namespace repeats a
/// segment, and no two projects define a type of the same name. The folder graph is read from the sources (a
/// namespace depends on another when one of its files has a `using` of it or names a type through it); the type names
/// from the compiled assemblies.
/// </summary>
public sealed partial class LayoutRuleTests
{
    private static readonly string[] Projects =
    [
        "ChestDx.Core", "ChestDx.Dicom", "ChestDx.Imaging", "ChestDx.Phantoms", "ChestDx.Ingest", "ChestDx.Evaluation",
        "ChestDx.Training", "ChestDx.Bench", "ChestDx.Cli",
    ];

    public static TheoryData<string> ProjectNames => new(Projects);

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public void Folders_of_the_project_form_no_dependency_cycle(string project)
    {
        Dictionary<string, HashSet<string>> graph = NamespaceGraph(project);
        List<List<string>> cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0,
            "folder cycles: " + string.Join("; ", cycles.Select(c => string.Join(" ↔ ", c.Order()))));
    }

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public void No_namespace_repeats_a_segment(string project)
    {
        string[] repeated = RepeatedSegments(NamespaceGraph(project).Keys);
        Assert.True(repeated.Length == 0, "namespaces that repeat a segment: " + string.Join(", ", repeated));
    }

    [Fact]
    public void No_two_projects_define_a_type_of_the_same_name()
    {
        var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string project in Projects)
        {
            string assembly = project == "ChestDx.Cli" ? "chestdx" : project;
            foreach (Type type in Assembly.Load(new AssemblyName(assembly)).GetTypes())
            {
                if (type.IsNested || type.Name.Contains('<')
                    || type.Namespace?.StartsWith("ChestDx", StringComparison.Ordinal) != true)
                {
                    continue;
                }
                string name = type.Name.Split('`')[0];
                if (!owners.TryGetValue(name, out List<string>? list)) owners[name] = list = [];
                if (!list.Contains(project)) list.Add(project);
            }
        }
        string[] shared = owners.Where(kv => kv.Value.Count > 1)
            .Select(kv => $"{kv.Key} ({string.Join(", ", kv.Value)})").Order().ToArray();
        Assert.True(shared.Length == 0, "type names defined in more than one project: " + string.Join("; ", shared));
    }

    /// <summary>The checks above can fail: a cycle through `using`s and a repeated segment are found.</summary>
    [Fact]
    public void The_folder_graph_sees_a_cycle_through_usings_and_a_repeated_segment()
    {
        Dictionary<string, HashSet<string>> graph = NamespaceGraph(
        [
            "using ChestDx.P.B;\nnamespace ChestDx.P.A;\nclass X { }",
            "namespace ChestDx.P.B;\n// ChestDx.P.C in a comment is no dependency\nclass Y { ChestDx.P.A.X? x; }",
            "namespace ChestDx.P.C;\nclass Z { }",
            "namespace ChestDx.P.C.C;\nclass W { }",
        ]);
        Assert.Equal(["ChestDx.P.A", "ChestDx.P.B"], StronglyConnected(graph).Single(c => c.Count > 1).Order());
        Assert.DoesNotContain("ChestDx.P.C", graph["ChestDx.P.B"]);
        Assert.Equal(["ChestDx.P.C.C"], RepeatedSegments(graph.Keys));
    }

    private static string[] RepeatedSegments(IEnumerable<string> namespaces) =>
        namespaces.Where(ns => ns.Split('.').GroupBy(s => s).Any(g => g.Count() > 1)).Order().ToArray();

    /// <summary>Namespace → the namespaces of the same project its files use.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph(string project)
    {
        string folder = Path.Combine(SourceTree.Root(), "src", project);
        char s = Path.DirectorySeparatorChar;
        return NamespaceGraph(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{s}obj{s}", StringComparison.Ordinal)
                && !f.Contains($"{s}bin{s}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
    }

    /// <summary>
    /// Namespace → the namespaces of the same sources its files name, through a `using` or a qualified name. A
    /// namespace's parents are in scope without a `using`, and those uses are not seen: a project's root namespace
    /// (ChestDx.Dicom's DicomFile and DicomException, ChestDx.Phantoms' PhantomGenerator) is its front door, which its
    /// folders implement and may use; counting those uses would make every such project one cycle.
    /// </summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph(IEnumerable<string> sources)
    {
        var files = sources
            .Select(text => LineComment().Replace(text, ""))
            .Select(text => (Text: text,
                Namespace: NamespaceDeclaration().Match(text) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(f => f.Namespace is not null).ToList();
        var graph = files.Select(f => f.Namespace!).Distinct()
            .ToDictionary(ns => ns, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach ((string text, string? ns) in files)
        {
            foreach (Match use in QualifiedName().Matches(text))
            {
                // The longest known namespace that the qualified name starts with.
                string name = use.Groups[1].Value;
                string? target = graph.Keys.Where(k => name == k || name.StartsWith(k + ".", StringComparison.Ordinal))
                    .OrderByDescending(k => k.Length).FirstOrDefault();
                if (target is not null && target != ns) graph[ns!].Add(target);
            }
        }
        return graph;
    }

    private static IEnumerable<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        // Tarjan's algorithm; graphs here have tens of nodes, so recursion depth is no concern.
        int index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in graph[v])
            {
                if (!indices.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], indices[w]);
            }
            if (low[v] != indices[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            result.Add(component);
        }
        foreach (string v in graph.Keys.Order()) if (!indices.ContainsKey(v)) Visit(v);
        return result;
    }

    // Comments (and XML docs) name types without depending on them.
    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    // `using ChestDx.X.Y;`, `using Alias = ChestDx.X.Y.Type;`, `global::ChestDx.X.Y.Type`, `ChestDx.X.Y.Type` in code.
    [GeneratedRegex(@"\b(ChestDx(?:\.\w+)+)")]
    private static partial Regex QualifiedName();
}
