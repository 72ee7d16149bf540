namespace ChestDx.Cli.Tests.Ingest;

/// <summary>
/// `chestdx ingest` on a CheXpert-layout folder of JPEGs (tests/data/other-datasets/chexpert-layout, PROVENANCE.md in
/// tests/data/other-datasets): the format is detected and stated, the view filter's counts are printed, and the
/// dataset options are parsed at the boundary.
/// </summary>
public sealed class DatasetIngestCommandTests : IDisposable
{
    private static readonly string Root =
        Path.Combine(AppContext.BaseDirectory, "data", "chexpert-layout", "CheXpert-v1.0-small");

    private readonly string _dir =
        Path.Combine(Path.GetTempPath(), "chestdx-cli-dataset-" + Guid.NewGuid().ToString("N")[..10]);

    public DatasetIngestCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Ingest_of_a_CheXpert_folder_states_the_detected_format_and_the_view_counts()
    {
        string pack = Path.Combine(_dir, "pack");
        (int code, string output, string error) = CliRunner.Run(
        [
            "ingest", "--source", Root, "--labels", Path.Combine(Root, "train.csv"), "--out", pack, "--no-pseudonym",
            "--views", "PA,AP", "--uncertain", "chexpert_paper", "--workers", "1",
        ], 400);
        Assert.True(code == 0, error);
        string all = output + error;
        Assert.Contains("labels: chexpert (detected from the header)", all);
        Assert.Contains("--views PA,AP: images kept 5 (AP 3, PA 2), dropped 1 (LATERAL 1;", all);
        // Seven labels rows: five images kept, the lateral one rejected, and one row without an image (not an input).
        Assert.Contains("5 images of 256×256, 1 rejected", output);
        Assert.Contains("1 labels rows without an image: not inputs, listed in labels-without-image.csv", output);
        string json = File.ReadAllText(Path.Combine(pack, "pack.json"));
        Assert.Contains("\"format\": \"chexpert\"", json);
        Assert.Contains("\"patient_ids_from\": \"path\"", json);
        Assert.Contains("\"Atelectasis\": \"ones\"", json);
    }

    [Theory]
    [InlineData("--format", "nihh", "'nihh' is not nih, chexpert, mimic, padchest, vindr, rsna or csv")]
    [InlineData("--uncertain", "Edema=maybe", "--uncertain Edema= 'maybe' is not ignore, zeros or ones")]
    [InlineData("--views", "PA,oblique", "'oblique' is not a view")]
    [InlineData("--readers", "all", "'all' is not any or majority")]
    public void Bad_dataset_options_are_one_line_parse_errors(string option, string value, string message)
    {
        (int code, _, string error) = CliRunner.Run(
            ["ingest", "--source", Root, "--out", Path.Combine(_dir, "p"), "--no-pseudonym", option, value]);
        Assert.Equal(2, code); // a usage error (docs/cli.md)
        Assert.Contains(message, error);
        Assert.StartsWith("chestdx ingest: error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
