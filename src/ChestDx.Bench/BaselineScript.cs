namespace ChestDx.Bench;

/// <summary>
/// The Python baseline scripts (the .py files next to each benchmark), embedded in this assembly so a published
/// binary can run them, and written to a temporary file for Python to run.
/// </summary>
public static class BaselineScript
{
    private const string Prefix = "ChestDx.Bench.Scripts.";

    /// <summary>File names of the embedded scripts, e.g. "pytorch_train_step.py".</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(BaselineScript).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order().ToArray();

    /// <summary>The text of the embedded script <paramref name="name"/>.</summary>
    public static string Text(string name)
    {
        using Stream stream = typeof(BaselineScript).Assembly.GetManifestResourceStream(Prefix + name)
                              ?? throw new ArgumentException($"no embedded baseline script '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Writes the script <paramref name="name"/> to <paramref name="path"/>; returns the path.</summary>
    public static string WriteTo(string name, string path)
    {
        File.WriteAllText(path, Text(name));
        return path;
    }
}
