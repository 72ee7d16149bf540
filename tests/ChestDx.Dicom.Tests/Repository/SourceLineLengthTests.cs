using System.Text;
using Xunit;

namespace ChestDx.Dicom.Tests.Repository;

/// <summary>
/// The .editorconfig's max_line_length = 120 (issue 13, item 6), which no compiler analyzer checks. The rule covers
/// the projects already wrapped; add a project to <see cref="WrappedProjects"/> once its lines fit.
/// </summary>
public class SourceLineLengthTests
{
    private const int MaxLineLength = 120;

    /// <summary>Project folders, relative to the repository root, whose .cs files must keep to 120 columns.</summary>
    public static TheoryData<string> WrappedProjects => new()
    {
        "src/ChestDx.Core",
        "src/ChestDx.Dicom",
        "src/ChestDx.Imaging",
        "src/ChestDx.Phantoms",
        "src/ChestDx.Bench",
        "src/ChestDx.Evaluation",
        "src/ChestDx.Ingest",
        "src/ChestDx.Onnx",
        "src/ChestDx.Training",
        "src/ChestDx.Cli",
        "tests/ChestDx.Cli.Tests",
        "tests/ChestDx.Dicom.Tests",
        "tests/ChestDx.Evaluation.Tests",
        "tests/ChestDx.Fuzz",
        "tests/ChestDx.Ingest.Tests",
        "tests/ChestDx.Onnx.Tests",
        "tests/ChestDx.Phantoms.Tests",
        "tests/ChestDx.Training.Tests",
    };

    [Theory]
    [MemberData(nameof(WrappedProjects))]
    public void Every_line_of_the_project_is_at_most_120_characters(string project)
    {
        string directory = Path.Combine(RepositoryRoot(), project);
        Assert.True(Directory.Exists(directory), $"{directory} does not exist");

        IReadOnlyList<string> offenders = LongLines(directory);

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} lines over {MaxLineLength} characters in {project}, first ones:\n"
            + string.Join("\n", offenders.Take(10)));
    }

    [Fact]
    public void The_check_reports_a_line_of_121_characters_with_file_and_line()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"chestdx-line-length-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string fits = new('a', MaxLineLength), over = new('b', MaxLineLength + 1);
            // Multi-byte characters count once: 120 of them fit although they take 240 bytes in UTF-8.
            string wide = new('§', MaxLineLength);
            File.WriteAllText(Path.Combine(directory, "Sample.cs"), $"{fits}\n{wide}\n{over}\n", Encoding.UTF8);

            IReadOnlyList<string> offenders = LongLines(directory);

            Assert.Equal([$"Sample.cs:3 ({MaxLineLength + 1} characters)"], offenders);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>"relative/path.cs:line (n characters)" for each line over the limit, build outputs excluded.</summary>
    private static List<string> LongLines(string directory)
    {
        var offenders = new List<string>();
        IEnumerable<string> files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(directory, f)))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = Path.GetRelativePath(directory, file).Replace('\\', '/');
            string[] lines = File.ReadAllLines(file, Encoding.UTF8);
            for (int i = 0; i < lines.Length; i++)
            {
                int length = lines[i].EnumerateRunes().Count();
                if (length > MaxLineLength)
                    offenders.Add($"{name}:{i + 1} ({length} characters)");
            }
        }
        return offenders;
    }

    private static bool IsBuildOutput(string relativePath)
    {
        string first = relativePath.Split(Path.DirectorySeparatorChar)[0];
        return first is "obj" or "bin";
    }

    /// <summary>The folder holding ChestDx.sln, found by walking up from the test assembly's folder.</summary>
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ChestDx.sln")))
                return d.FullName;
        throw new InvalidOperationException($"no ChestDx.sln above {AppContext.BaseDirectory}");
    }
}
