using System.Text;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Ingest.Privacy;
using ChestDx.Training.Model;
using ChestDx.Training.Weights;

namespace ChestDx.Cli.Tests.Privacy;

/// <summary>
/// `chestdx predict --key-file` on a hospital folder: the ids are those `chestdx ingest` gave the same files with the
/// same key (so predictions join the pack's manifest), alike with both engines, and no folder or file name (patient
/// names, MRNs, accession numbers) nor a SOP Instance UID reaches predictions.csv, its provenance sidecar, the class
/// activation maps' names, their index page or anything printed.
/// </summary>
public sealed class PredictPseudonymTests : IDisposable
{
    private static readonly string NihImages = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "images");

    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-predict-key-").FullName;
    private readonly List<string> _planted = [];

    private string P(params string[] parts) => Path.Combine([_dir, .. parts]);

    private string Plant(string identifier)
    {
        _planted.Add(identifier);
        return identifier;
    }

    private static (int Exit, string Out, string Err) Ok(params string[] args)
    {
        var run = CliRunner.Run(args, 250);
        Assert.True(run.Exit == 0, $"chestdx {string.Join(' ', args)} exited {run.Exit}:\n{run.Err}\n{run.Out}");
        return run;
    }

    private void Dicom(string path, string sopInstanceUid)
    {
        var writer = new TestDicomWriter()
            .Text(0x0008, 0x0060, "CS", "DX")
            .Text(0x0010, 0x0010, "PN", "Doe^Jane")
            .Text(0x0010, 0x0020, "LO", "PID31337")
            .Gradient(72, 64);
        if (sopInstanceUid.Length > 0) writer.Text(0x0008, 0x0018, "UI", Plant(sopInstanceUid));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, writer.ToBytes());
    }

    /// <summary>A hospital export: folders and files named after patients and accession numbers.</summary>
    private string Export()
    {
        string source = P("export");
        string jane = Plant("Doe^Jane_MRN4711"), richard = Plant("Roe^Richard_MRN4712");
        for (int i = 0; i < 3; i++)
            Dicom(Path.Combine(source, jane, Plant($"Doe^Jane_ACC900{i}.dcm")), $"1.2.826.0.1.3680043.10.777.{i}");
        Dicom(Path.Combine(source, richard, Plant("Roe^Richard_ACC9100.dcm")), ""); // no SOP UID: the path's id
        Directory.CreateDirectory(Path.Combine(source, richard));
        File.Copy(Directory.GetFiles(NihImages, "*.png").Order(StringComparer.Ordinal).First(),
            Path.Combine(source, richard, Plant("Roe^Richard_ACC9101.png"))); // no labels file: the path's id
        File.WriteAllText(Path.Combine(source, jane, Plant("Doe^Jane_notes.txt")), "not an image");
        return source;
    }

    private void Model()
    {
        var config = new DenseNetConfig
        {
            GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2, NumClasses = 2,
        };
        using (var net = new DenseNet(config, 11))
            new ModelPackage
            {
                Architecture = config, Classes = ["Atelectasis", "Effusion"], InputSize = 56, ImageSize = 64,
                EvalCrop = EvalCrop.Center,
            }.Write(P("model.safetensors"), net);
        Ok("export", P("model.safetensors"), "--onnx", P("model.onnx"));
    }

    private static string[] Ids(string csv) =>
        File.ReadAllLines(csv).Skip(1).Select(r => r.Split(',')[0]).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Predict_with_the_ingest_key_gives_the_packs_ids_and_writes_or_prints_no_clear_name_in_both_engines()
    {
        string source = Export();
        File.WriteAllBytes(P("site.key"), "St Elsewhere site key, 32+ bytes long"u8.ToArray());
        Model();
        var ingest = Ok("ingest", "--source", source, "--out", P("pack"), "--key-file", P("site.key"), "--size",
            "224", "--workers", "1");
        string[] packIds;
        using (var pack = DatasetPack.Open(P("pack")))
            packIds = pack.Entries.Select(e => e.ImageId).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(5, packIds.Length);

        var torch = Ok("predict", "--model", P("model.safetensors"), "--data", source, "--out", P("out", "torch.csv"),
            "--device", "cpu", "--key-file", P("site.key"), "--cam", P("out", "torch-cams"), "--cam-top", "1");
        var ort = Ok("predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data", source, "--out",
            P("out", "ort.csv"), "--key-file", P("site.key"), "--cam", P("out", "ort-cams"), "--cam-top", "1");

        Assert.Equal(packIds, Ids(P("out", "torch.csv")));
        Assert.Equal(packIds, Ids(P("out", "ort.csv")));
        Assert.Contains("1 file(s) skipped", torch.Err);
        Assert.Contains("1 file(s) skipped", ort.Err);
        Assert.Equal(Directory.GetFiles(P("out", "torch-cams")).Select(Path.GetFileName).Order(),
            Directory.GetFiles(P("out", "ort-cams")).Select(Path.GetFileName).Order());

        var printed = new StringBuilder();
        foreach (var run in new[] { ingest, torch, ort }) printed.Append(run.Out).Append('\n').Append(run.Err);
        var written = Directory.GetFiles(P("out"), "*", SearchOption.AllDirectories)
            .Select(f => (Name: f, Text: Path.GetFileName(f) + "\n" + File.ReadAllText(f, Encoding.Latin1)))
            .Append((Name: "stdout and stderr", Text: printed.ToString()))
            .ToList();
        Assert.Contains(written, w => w.Name.EndsWith("index.html", StringComparison.Ordinal));
        Assert.Contains(written, w => w.Name.EndsWith(".provenance.json", StringComparison.Ordinal));
        string[] parts = ["Doe^Jane", "Roe^Richard", "MRN4711", "MRN4712", "ACC9000", "ACC9100", "ACC9101",
            "1.2.826.0.1.3680043.10.777"];
        foreach ((string name, string text) in written)
            foreach (string planted in _planted.Concat(parts))
                Assert.False(text.Contains(planted, StringComparison.Ordinal), $"'{planted}' appears in {name}");
    }

    [Fact]
    public void Predict_with_a_key_refuses_a_pack_without_it_or_with_another_key_and_copies_of_a_dicom_in_one_line()
    {
        string source = P("export"), copiesFolder = P("copies", Plant("Doe^Jane_MRN4711"));
        Dicom(Path.Combine(source, Plant("Doe^Jane_ACC9000.dcm")), "1.2.3.4.5.6.7");
        Directory.CreateDirectory(copiesFolder);
        File.Copy(Path.Combine(source, "Doe^Jane_ACC9000.dcm"), Path.Combine(copiesFolder, "Doe^Jane_ACC9000.dcm"));
        File.Copy(Path.Combine(source, "Doe^Jane_ACC9000.dcm"),
            Path.Combine(copiesFolder, Plant("Doe^Jane_ACC9000_copy.dcm")));
        File.WriteAllBytes(P("site.key"), "St Elsewhere site key, 32+ bytes long"u8.ToArray());
        File.WriteAllBytes(P("other.key"), "Another hospital's key, 32+ bytes"u8.ToArray());
        Model();
        Ok("ingest", "--source", source, "--out", P("pack"), "--key-file", P("site.key"), "--size", "224",
            "--workers", "1");

        Ok("ingest", "--source", source, "--out", P("public-pack"), "--no-pseudonym", "--size", "224", "--workers",
            "1");

        var noKeyPack = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            P("public-pack"), "--out", P("o.csv"), "--key-file", P("site.key")]);
        var otherKey = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            P("pack"), "--out", P("p.csv"), "--key-file", P("other.key")]);
        var copies = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            P("copies"), "--out", P("q.csv"), "--key-file", P("site.key")]);
        var sameKey = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            P("pack"), "--out", P("r.csv"), "--key-file", P("site.key")]);

        Assert.Equal(1, noKeyPack.Exit);
        Assert.Contains("the pack was ingested without a pseudonym key", noKeyPack.Err);
        Assert.Equal(1, otherKey.Exit);
        Assert.Single(otherKey.Err.Trim().Split('\n'));
        Assert.Contains("was ingested with key id", otherKey.Err);
        Assert.Equal(1, copies.Exit);
        // Progress lines come first; the error is one line.
        string error = Assert.Single(copies.Err.Split('\n'), l => l.StartsWith("chestdx predict: error:"));
        Assert.Contains("the same SOP Instance UID as", error);
        foreach (string planted in _planted.Append("Doe^Jane"))
            Assert.DoesNotContain(planted, copies.Err);
        Assert.True(sameKey.Exit == 0, sameKey.Err);
        Assert.False(File.Exists(P("o.csv")) || File.Exists(P("p.csv")) || File.Exists(P("q.csv")));
    }

    [Fact]
    public void The_key_is_optional_for_predict_taken_from_the_environment_and_set_aside_by_no_pseudonym()
    {
        File.WriteAllBytes(P("site.key"), "St Elsewhere site key, 32+ bytes long"u8.ToArray());
        Func<string, string?> none = _ => null, set = v => v == Pseudonymiser.KeyVariable
            ? "St Elsewhere site key, 32+ bytes long" : null;

        Assert.Null(InputPseudonyms.Resolve(null, false, none));
        Assert.Null(InputPseudonyms.Resolve(null, true, set));
        InputPseudonyms fromFile = InputPseudonyms.Resolve(P("site.key"), false, none)!;
        InputPseudonyms fromEnvironment = InputPseudonyms.Resolve(null, false, set)!;
        Assert.Equal(Pseudonymiser.FromKeyFile(P("site.key")).KeyId, fromFile.KeyId);
        Assert.Equal(fromFile.KeyId, fromEnvironment.KeyId);
        Assert.Equal(fromFile.ImageId("a/b.dcm", "1.2.3"), fromEnvironment.ImageId("a/b.dcm", "1.2.3"));
        // The ids ingest gives: SOP Instance UID first, else the path (PACK_FORMAT.md, image_id).
        var names = new SourceNames(Pseudonymiser.FromKeyFile(P("site.key")));
        Assert.Equal(names.ImageId("1.2.3", null, null), fromFile.ImageId("a/b.dcm", "1.2.3"));
        Assert.Equal(names.Source("a/b.dcm"), fromFile.ImageId("a/b.dcm", null));
        Assert.Throws<ChestDx.Core.ChestDxException>(() => InputPseudonyms.Resolve(P("site.key"), true, none));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
