using ChestDx.Phantoms.Output;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Cli.Tests.Ingest;

/// <summary>
/// Issue 11 items 2 and 7 through the real CLI: ten patients with three films each, the patient column missing or
/// spelled as hospitals spell it; `pack verify` says "verified" only when every image has a patient id.
/// </summary>
public sealed class PatientIdentityCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-patients-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args, 400);

    /// <summary>30 small distinct PNGs (10 patients × 3 films)
    /// and labels with the given patient column (null: none).</summary>
    private (string Images, string Labels) Source(string? patientColumn)
    {
        string images = Path.Combine(_dir, "images");
        Directory.CreateDirectory(images);
        var lines = new List<string> { "IMAGE_ID" + (patientColumn is null ? "" : "," + patientColumn) + ",Effusion" };
        for (int p = 0; p < 10; p++)
            for (int f = 0; f < 3; f++)
            {
                string id = $"p{p:D2}_f{f}.png";
                var pixels = new ushort[32 * 32];
                for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)((i * (p + 3) + f * 17) % 256);
                File.WriteAllBytes(Path.Combine(images, id), PhantomPng.Encode(new PhantomImage(32, 8, pixels)));
                lines.Add(id + (patientColumn is null ? "" : $",MRN{p:D4}") + "," + (p + f) % 2);
            }
        string labels = Path.Combine(_dir, "labels.csv");
        File.WriteAllLines(labels, lines);
        return (images, labels);
    }

    /// <summary>An ingest command line;
    /// the split is random (by patient) unless <paramref name="extra"/> names another.</summary>
    private string[] Ingest(string images, string labels, string pack, params string[] extra) =>
        ["ingest", "--source", images, "--labels", labels, "--out", pack, "--no-pseudonym", "--workers", "2",
         .. extra.Contains("--split") ? [] : new[] { "--split", "random" }, .. extra];

    [Fact]
    public void PatientID_column_keeps_each_patient_in_one_split_and_verify_says_verified()
    {
        (string images, string labels) = Source("PatientID");
        string pack = Path.Combine(_dir, "pack");
        (int code, string output, string error) = Run(Ingest(images, labels, pack));
        Assert.True(code == 0, error);
        Assert.Contains("patient disjointness verified (30 images with patient ids", output);

        string[] rows = File.ReadAllLines(Path.Combine(pack, "manifest.csv"));
        string[] header = rows[0].Split(',');
        int patient = Array.IndexOf(header, "patient"), split = Array.IndexOf(header, "split");
        var splitsOf = rows.Skip(1).Select(r => r.Split(',')).GroupBy(f => f[patient])
            .ToDictionary(g => g.Key, g => g.Select(f => f[split]).Distinct().ToArray());
        Assert.Equal(10, splitsOf.Count);
        Assert.All(splitsOf.Values, s => Assert.Single(s));
        Assert.True(splitsOf.Values.Select(s => s[0]).Distinct().Count() >= 2,
            "all patients in one split: the check could not fail");

        (code, output, error) = Run("pack", "verify", pack, "--source", images);
        Assert.True(code == 0, error);
        Assert.Contains("ok: 30 image hashes and counts verified, 30 source files re-hashed; " +
                        "patient disjointness verified", output);
    }

    [Fact]
    public void No_patient_column_refuses_a_random_split_with_one_line_and_writes_nothing()
    {
        (string images, string labels) = Source(null);
        string pack = Path.Combine(_dir, "pack");
        (int code, _, string error) = Run(Ingest(images, labels, pack));
        Assert.Equal(1, code);
        // stderr also carries ingest's notes (docs/cli.md); the error is one line of its own.
        string line = Assert.Single(error.TrimEnd().Split('\n'), l => l.Contains("error:", StringComparison.Ordinal));
        Assert.StartsWith($"chestdx ingest: error: {labels}: no patient ids: it has no patient column", line);
        Assert.Contains("state --one-image-per-patient if every image is a different patient", line);
        Assert.False(Directory.Exists(pack));
    }

    [Fact]
    public void One_image_per_patient_runs_and_every_summary_says_assumed_never_verified()
    {
        (string images, string labels) = Source(null);
        string pack = Path.Combine(_dir, "pack");
        (int code, string output, string error) = Run(Ingest(images, labels, pack, "--one-image-per-patient"));
        Assert.True(code == 0, error);
        const string assumed =
            "patient disjointness assumed: one image per patient, stated by the user (no patient ids)";
        Assert.Contains(assumed, output);
        Assert.DoesNotContain("disjointness verified", output);
        string json = File.ReadAllText(Path.Combine(pack, "pack.json"));
        Assert.Contains("\"patient_ids\": \"absent\"", json);
        Assert.Contains("\"one_image_per_patient\": true", json);

        (code, output, error) = Run("pack", "verify", pack);
        Assert.True(code == 0, error);
        Assert.Contains("ok: 30 image hashes and counts verified; " + assumed, output);
        Assert.DoesNotContain("disjointness verified", output);
    }

    [Fact]
    public void A_pack_without_patient_ids_and_not_stated_is_reported_not_verifiable_by_verify()
    {
        (string images, string labels) = Source(null);
        string splitFile = Path.Combine(_dir, "split.csv");
        File.WriteAllLines(splitFile, ["image_id,split", .. Directory.GetFiles(images).Select(Path.GetFileName)
            .Select(n => $"{n},{(n!.EndsWith("_f0.png") ? "test" : "train")}")]);
        string pack = Path.Combine(_dir, "pack");
        (int code, string output, string error) = Run(Ingest(images, labels, pack, "--split", "file:" + splitFile));
        Assert.True(code == 0, error);
        Assert.Contains("patient disjointness not verifiable: no patient ids", output);

        (code, output, error) = Run("pack", "verify", pack);
        Assert.True(code == 0, error);
        Assert.Contains("patient disjointness not verifiable: no patient ids", output);
        Assert.DoesNotContain("disjointness verified", output);
    }

    [Theory]
    [InlineData("image_id,patient_id,Effusion\n")]
    [InlineData("Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position\n")]
    public void A_header_only_labels_file_exits_non_zero_with_no_labelled_images(string text)
    {
        (string images, _) = Source("patient_id");
        string labels = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(labels, text);
        string pack = Path.Combine(_dir, "pack");
        (int code, _, string error) = Run(Ingest(images, labels, pack));
        Assert.Equal(1, code);
        // stderr also carries ingest's notes (docs/cli.md); the error is one line of its own.
        Assert.Equal($"chestdx ingest: error: {labels}: no labelled images: the file has a header and no rows",
            Assert.Single(error.TrimEnd().Split('\n'), l => l.Contains("error:", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(pack));
    }
}
