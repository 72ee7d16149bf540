using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ChestDx.Cli.Tests")]

namespace ChestDx.Ingest.TestPoints;

/// <summary>
/// The moments of an ingest run at which a kill -9 leaves the most to repair, named so that the resume tests can kill
/// a child process at exactly each of them (tests/ChestDx.Cli.Tests/KillHarness.cs). Internal, and set only by test
/// code: no option or environment variable of the shipped binary can reach it.
/// </summary>
internal static class IngestTestPoints
{
    /// <summary>An image's bytes are in images.u8, its journal line is not yet written.</summary>
    public const string BeforeJournalLine = "journal-line";

    /// <summary>manifest.csv's temporary is complete but not yet renamed into place.</summary>
    public const string ManifestWritten = "manifest";

    /// <summary>rejected.csv's temporary is complete but not yet renamed into place.</summary>
    public const string RejectedWritten = "rejected";

    /// <summary>images.u8 has moved out of .partial; pack.json is not yet written.</summary>
    public const string ImagesMoved = "images-moved";

    /// <summary>pack.json is written; .partial is not yet deleted.</summary>
    public const string InfoWritten = "pack-json";

    /// <summary>Called at each point; null (nothing happens) outside the harness.</summary>
    internal static Action<string>? Reached;

    internal static void At(string point) => Reached?.Invoke(point);
}
