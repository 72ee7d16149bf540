namespace ChestDx.Ingest.Tests;

/// <summary>Paths of the linked test data and a scratch directory per test.</summary>
internal static class TestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data");
    public static string SampleImages => Path.Combine(Root, "nih-sample", "images");
    public static string SampleLabels => Path.Combine(Root, "nih-sample", "Data_Entry_sample.csv");
    public static string DataEntryV2020 => Path.Combine(Root, "nih", "Data_Entry_2017_v2020.csv.gz");
    public static string Broken(string name) => Path.Combine(Root, "ingest", name);

    public static string[] SampleFiles =>
        Directory.GetFiles(SampleImages, "*.png").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    /// <summary>The two sample files stored as RGBA (PNG colour type 6).</summary>
    public static readonly string[] RgbaSamples = ["00000100_000.png", "00001369_000.png"];
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "chestdx-ingest-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
