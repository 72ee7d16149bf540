namespace ChestDx.Core;

/// <summary>
/// A problem with the user's input or environment that ChestDx reports as one clear line (which file, what is
/// wrong) and a non-zero exit code, rather than as a stack trace. Bugs stay ordinary exceptions.
/// </summary>
public class ChestDxException : Exception
{
    public ChestDxException(string message) : base(message) { }

    public ChestDxException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The file the problem is about, when there is one.</summary>
    public string? Path { get; init; }

    /// <summary>Builds "PATH: problem", the form every ChestDx input error takes.</summary>
    public static ChestDxException ForFile(string path, string problem, Exception? inner = null) =>
        inner is null
            ? new ChestDxException($"{path}: {problem}") { Path = path }
            : new ChestDxException($"{path}: {problem}", inner) { Path = path };
}
