using System.Globalization;
using System.Text.Json;
using ChestDx.Phantoms.Output;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>
/// `evaluate --labels PACK`: under a site key the pack's ids are pseudonyms, so the hospital's labels file cannot be
/// joined to predictions made on the pack; the pack's own labels can. The AUROC is checked against a pairwise count
/// over the clear labels file, made here without ChestDx's metric code.
/// </summary>
public sealed class PackLabelsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-packlabels-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Predictions_on_a_keyed_pack_evaluate_against_the_packs_labels_as_against_the_clear_labels_file()
    {
        string images = Path.Combine(_dir, "Doe_Jane_MRN123456");
        Directory.CreateDirectory(images);
        var labels = new List<string> { "image_id,patient_id,Effusion,Edema" };
        var truth = new Dictionary<string, (string Effusion, string Edema)>();
        for (int p = 0; p < 12; p++)
            for (int f = 0; f < 2; f++)
            {
                string id = $"ACC{p:D3}{f}.png";
                var pixels = new ushort[32 * 32];
                for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)((i * (p + 5) + f * 31) % 256);
                File.WriteAllBytes(Path.Combine(images, id), PhantomPng.Encode(new PhantomImage(32, 8, pixels)));
                string effusion = ((p * 7 + f) % 3 == 0).ToString() == "True" ? "1" : "0";
                string edema = p % 5 == 0 ? "" : ((p + f) % 2).ToString(CultureInfo.InvariantCulture);
                truth[id] = (effusion, edema);
                labels.Add($"{id},MRN{p:D6},{effusion},{edema}");
            }
        string labelsFile = Path.Combine(_dir, "labels.csv");
        File.WriteAllLines(labelsFile, labels);
        string key = Path.Combine(_dir, "site.key");
        File.WriteAllBytes(key, Enumerable.Range(1, 32).Select(b => (byte)b).ToArray());
        string pack = Path.Combine(_dir, "pack"), map = Path.Combine(_dir, "idmap.csv");

        var (code, _, err) = CliRunner.Run(["ingest", "--source", images, "--labels", labelsFile, "--out", pack,
            "--key-file", key,
            "--id-map", map, "--split", "none", "--workers", "1"], 400);
        Assert.True(code == 0, err);

        // Scores from the clear id, with ties, so the pseudonymous and the clear evaluation see the same numbers.
        static double Score(string clearId, int cls) =>
            ((clearId[3] - '0') * 0.1 + (clearId[5] - '0') * 0.05 * (cls + 1)) % 1.0;
        string[] mapHeader = File.ReadLines(map).First().Split(',');
        int idCol = Array.IndexOf(mapHeader, "image_id"), clearCol = Array.IndexOf(mapHeader, "labels_image_id");
        var clearOf = File.ReadLines(map).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[idCol], f => f[clearCol]);
        string[] manifest = File.ReadAllLines(Path.Combine(pack, "manifest.csv"));
        int manifestId = Array.IndexOf(manifest[0].Split(','), "image_id");
        string[] packIds = manifest.Skip(1).Select(l => l.Split(',')[manifestId]).ToArray();
        Assert.Equal(24, packIds.Length);
        Assert.All(packIds, id => Assert.DoesNotContain("ACC", id));
        string predictions = Path.Combine(_dir, "predictions.csv");
        File.WriteAllLines(predictions, new[] { "image_id,Effusion,Edema" }.Concat(packIds.Select(id =>
            string.Create(CultureInfo.InvariantCulture, $"{id},{Score(clearOf[id], 0):R},{Score(clearOf[id], 1):R}"))));

        string outDir = Path.Combine(_dir, "eval");
        (code, _, err) = CliRunner.Run(
            ["evaluate", "--predictions", predictions, "--labels", pack, "--out", outDir, "--bootstrap", "0"]);
        Assert.True(code == 0, err);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        foreach (JsonElement c in doc.RootElement.GetProperty("classes").EnumerateArray())
        {
            int cls = c.GetProperty("name").GetString() == "Effusion" ? 0 : 1;
            var known = truth.Where(t => (cls == 0 ? t.Value.Effusion : t.Value.Edema) != "")
                .Select(t => (Score: Score(t.Key, cls),
                              Positive: (cls == 0 ? t.Value.Effusion : t.Value.Edema) == "1"))
                .ToList();
            double pairs = 0, wins = 0;
            foreach (var pos in known.Where(k => k.Positive))
                foreach (var neg in known.Where(k => !k.Positive))
                {
                    pairs++;
                    wins += pos.Score > neg.Score ? 1 : pos.Score == neg.Score ? 0.5 : 0;
                }
            Assert.Equal(known.Count, c.GetProperty("n").GetInt32());
            Assert.Equal(wins / pairs, c.GetProperty("auroc").GetDouble(), 1e-12);
        }
    }
}
