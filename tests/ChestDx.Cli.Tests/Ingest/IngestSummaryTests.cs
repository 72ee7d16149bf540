namespace ChestDx.Cli.Tests.Ingest;

/// <summary>
/// What `chestdx ingest` says about a pack that a later stage cannot use: every rejection reason whole on a narrow
/// console, labels rows without an image counted apart from rejected inputs, and an empty val split warned about on
/// stderr with the option that fixes it, which `train` then repeats in its refusal.
/// </summary>
public sealed class IngestSummaryTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample");
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-summary-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Narrow_console_shows_whole_reasons_counts_rows_without_image_and_warns_of_an_empty_val_split()
    {
        // The sample, one unlabelled copy (a long reason naming three ids), and a labels row without an image.
        string source = Path.Combine(_dir, "images");
        Directory.CreateDirectory(source);
        foreach (string f in Directory.GetFiles(Path.Combine(Sample, "images")))
            File.Copy(f, Path.Combine(source, Path.GetFileName(f)));
        File.Copy(Directory.GetFiles(source)[0], Path.Combine(source, "unlabelled_copy.png"));
        string labels = Path.Combine(_dir, "labels.csv");
        File.WriteAllLines(labels, [
            .. File.ReadAllLines(Path.Combine(Sample, "Data_Entry_sample.csv")),
            "00099999_000.png,No Finding,0,99999,40,F,PA,2048,2048,0.14,0.14",
        ]);
        string pack = Path.Combine(_dir, "pack");
        var (exit, output, err) = CliRunner.Run(["ingest", "--source", source, "--labels", labels, "--out", pack,
            "--no-pseudonym", "--workers", "2", "--split", "official", "--val-fraction", "0"], 40);
        Assert.True(exit == 0, err + output);

        Assert.Contains("no labels row for this image in labels.csv (looked for 'unlabelled_copy.png', "
                        + "'unlabelled_copy.png', 'unlabelled_copy')  (e.g. unlabelled_copy.png)", output);
        Assert.Contains("1 labels rows without an image: not inputs, listed in labels-without-image.csv", output);
        Assert.DoesNotContain("00099999", File.ReadAllText(Path.Combine(pack, "rejected.csv")));

        string warning = Assert.Single(err.Split('\n'), l => l.Contains("split 'val'", StringComparison.Ordinal));
        Assert.StartsWith("warning: ", warning);
        Assert.Contains("`chestdx train` needs it: re-ingest with a larger --val-fraction", warning);
        Assert.DoesNotContain("split 'train'", err);
        Assert.DoesNotContain("split 'test'", err);

        var train = CliRunner.Run(["train", "--data", pack, "--out", Path.Combine(_dir, "run"), "--device", "cpu",
            "--epochs", "1"]);
        Assert.Equal(1, train.Exit);
        Assert.Contains("split 'val' has no images", train.Err);
        Assert.Contains("re-ingest with a larger --val-fraction (this pack used 0; e.g. --val-fraction 0.2)",
            train.Err);
    }
}
