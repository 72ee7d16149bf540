using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Core.Labels;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Splits;
using ChestDx.Ingest.Tests.Pipeline;

namespace ChestDx.Ingest.Tests.Splits;

public class SplitTests
{
    [Fact]
    public void Random_split_over_all_of_NIH_is_patient_disjoint_and_70_10_20()
    {
        LabelTable table = LabelFile.Read(TestData.DataEntryV2020, progress: NullProgressSink.Instance);
        var policy = new RandomPatientSplit(seed: 42, valFraction: 0.1, testFraction: 0.2);
        var entries = table.Rows.Select((r, i) => new PackEntry(i, r.ImageId, r.PatientId!, null, null, null, [],
            policy.Assign(r.ImageId, r.PatientId!, out _)!, new Dictionary<string, string>())).ToList();
        DatasetPack.CheckPatientsDisjoint("nih", entries); // throws on leakage

        var patients = entries.GroupBy(e => e.PatientId).Select(g => g.First().Split).ToList();
        double Share(string s) => patients.Count(p => p == s) / (double)patients.Count;
        // 30,805 patients: binomial standard error ≈ 0.26 %, so ±1.5 % is a > 5σ band.
        Assert.InRange(Share(PackFormat.Train), 0.685, 0.715);
        Assert.InRange(Share(PackFormat.Val), 0.085, 0.115);
        Assert.InRange(Share(PackFormat.Test), 0.185, 0.215);

        // Another seed moves patients; the same seed does not.
        var other = new RandomPatientSplit(seed: 43, valFraction: 0.1, testFraction: 0.2);
        Assert.Contains(entries.Take(500), e => other.Assign(e.ImageId, e.PatientId, out _) != e.Split);
        Assert.All(entries.Take(500), e => Assert.Equal(e.Split, policy.Assign(e.ImageId, e.PatientId, out _)));
    }

    [Fact]
    public void Official_split_follows_NIH_lists_and_carves_val_by_patient()
    {
        var policy = new OfficialNihSplit(seed: 0, valFraction: 0.5);
        Assert.Equal(PackFormat.Test, policy.Assign("00000003_000.png", "3", out _));
        string? first = policy.Assign("00000001_000.png", "1", out _);
        Assert.Contains(first, new[] { PackFormat.Train, PackFormat.Val });
        Assert.Equal(first, policy.Assign("00000001_001.png", "1", out _));
        Assert.Null(policy.Assign("not_nih.png", "x", out string? reason));
        Assert.Equal("'not_nih.png' is on neither of NIH's official split lists", reason);
    }

    [Fact]
    public void A_split_file_that_puts_one_patient_on_both_sides_is_refused_before_any_decoding()
    {
        using var dir = new TempDir();
        string splitFile = dir.Sub("split.csv");
        // 00000075_000.png and a second image of patient 75 (relabelled copy) in different splits.
        string source = dir.Sub("src");
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(TestData.SampleImages, "00000075_000.png"), Path.Combine(source, "a.png"));
        File.Copy(Path.Combine(TestData.SampleImages, "00000493_000.png"), Path.Combine(source, "b.png"));
        string labels = dir.Sub("labels.csv");
        File.WriteAllText(labels, "image_id,patient_id,Mass\na.png,75,0\nb.png,75,1\n");
        File.WriteAllText(splitFile, "image_id,split\na.png,train\nb.png,test\n");
        var options = IngestRunnerTests.NihOptions(dir.Sub("pack"), source, labels)
            with { Split = SplitSpec.Parse("file:" + splitFile) };
        var e = Assert.Throws<ChestDxException>(() => IngestRunner.Run(options, NullProgressSink.Instance));
        Assert.Contains("leakage", e.Message);
        Assert.Contains("'train' and 'test'", e.Message);
        Assert.False(Directory.Exists(dir.Sub("pack")));
    }

    [Fact]
    public void Opening_a_pack_whose_manifest_was_edited_to_leak_fails()
    {
        using var dir = new TempDir();
        string pack = dir.Sub("pack");
        IngestRunner.Run(
            IngestRunnerTests.NihOptions(pack) with { Split = SplitSpec.Parse("random"), ValFraction = 0 },
            NullProgressSink.Instance);
        string manifest = Path.Combine(pack, PackFormat.ManifestFile);
        string[] lines = File.ReadAllLines(manifest);
        // Give row 1 the patient of row 0 and the opposite split.
        string[] row0 = lines[1].Split(','), row1 = lines[2].Split(',');
        int patient = Array.IndexOf(lines[0].Split(','), "patient");
        int split = Array.IndexOf(lines[0].Split(','), "split");
        row1[patient] = row0[patient];
        row1[split] = row0[split] == "train" ? "test" : "train";
        lines[2] = string.Join(',', row1);
        File.WriteAllLines(manifest, lines);
        var e = Assert.Throws<ChestDxException>(() => DatasetPack.Open(pack));
        Assert.Contains($"patient {row0[patient]} in", e.Message);
    }

    [Fact]
    public void Split_none_puts_everything_in_test_for_an_inference_pack()
    {
        using var dir = new TempDir();
        var options = new IngestOptions
        {
            Source = TestData.SampleImages, Output = dir.Sub("pack"), Pseudonymiser = Ingest.Privacy.Pseudonymiser.None,
            Workers = 2,
        };
        IngestReport report = IngestRunner.Run(options, NullProgressSink.Instance);
        Assert.Equal(["test"], report.Info.Splits.Keys);
        Assert.Equal("none", report.Info.Settings!.Labels.Format);
        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        Assert.All(pack.Entries, e => Assert.All(e.Labels, v => Assert.True(float.IsNaN(v))));
        Assert.All(pack.Entries, e => Assert.Equal("", e.PatientId));
        Assert.Equal("00000075_000.png", pack.Entries[0].ImageId);
    }
}
