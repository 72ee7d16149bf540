using System.Security.Cryptography;
using System.Text;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Packs;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;

namespace ChestDx.Ingest.Tests.Pipeline;

/// <summary>
/// Labels rows that no source file matches (ingesting part of a dataset against its full labels file) are not
/// inputs: they are counted in pack.json and listed in labels-without-image.csv, never in rejected.csv. A broken or
/// duplicate row stays a rejected input, since it is a problem of the labels file.
/// </summary>
public sealed class LabelsWithoutImageTests
{
    private static readonly byte[] Key = "a site key that is long enough!!"u8.ToArray();

    /// <summary>The sample's labels plus two rows whose images are absent and a duplicate of a present one.</summary>
    private static string Labels(TempDir dir)
    {
        string[] sample = File.ReadAllLines(TestData.SampleLabels);
        string path = dir.Sub("labels.csv");
        File.WriteAllLines(path, [
            .. sample,
            "ACC4711_absent.png,No Finding,0,900001,40,F,PA,2048,2048,0.14,0.14",
            "ACC4712_absent.png,Effusion,0,900002,41,M,AP,2048,2048,0.14,0.14",
            sample[1],
        ]);
        return path;
    }

    private static IngestOptions Options(string output, string labels) =>
        IngestRunnerTests.NihOptions(output, labels: labels) with { Pseudonymiser = Pseudonymiser.FromKey(Key, "t") };

    /// <summary>HMAC-SHA256(key, "labels-image-id\0" + id), first 128 bits in hex (PACK_FORMAT.md, Pseudonyms),
    /// computed here without ChestDx's Pseudonymiser.</summary>
    private static string Pseudonym(string id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("labels-image-id\0" + id)))[..32];

    [Fact]
    public void Rows_without_an_image_are_listed_apart_by_pseudonym_and_counted_and_the_pack_verifies()
    {
        using var dir = new TempDir();
        string labels = Labels(dir);
        IngestReport report = IngestRunner.Run(Options(dir.Sub("pack"), labels), NullProgressSink.Instance);

        string[] lines = File.ReadAllLines(Path.Combine(dir.Sub("pack"), PackFormat.LabelsWithoutImageFile));
        Assert.Equal(["labels_line,image_id", $"13,{Pseudonym("ACC4711_absent.png")}",
            $"14,{Pseudonym("ACC4712_absent.png")}"], lines);
        string rejected = File.ReadAllText(Path.Combine(dir.Sub("pack"), PackFormat.RejectedFile));
        Assert.DoesNotContain("has no image", rejected);
        RejectedInput duplicate = Assert.Single(report.Rejected);
        Assert.StartsWith("duplicate image_id ", duplicate.Reason);

        PackInfo info = DatasetPack.ReadInfo(dir.Sub("pack"));
        Assert.Equal(2, info.LabelsWithoutImage);
        Assert.Equal(11, info.Count);
        Assert.Equal(12, info.Inputs); // 11 files + the duplicate row; the two rows without an image are not inputs
        foreach (string file in Directory.GetFiles(dir.Sub("pack")))
            Assert.DoesNotContain("ACC47", File.ReadAllText(file));
        Assert.Empty(PackVerifier.Verify(dir.Sub("pack"), null, NullProgressSink.Instance).Problems);
    }

    [Fact]
    public void Shards_merge_their_rows_without_an_image_into_the_single_run_file()
    {
        using var dir = new TempDir();
        string labels = Labels(dir);
        IngestRunner.Run(Options(dir.Sub("whole"), labels), NullProgressSink.Instance);
        var shards = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            IngestRunner.Run(Options(dir.Sub($"shard{i}"), labels) with { Shard = new ShardSpec(i, 3) },
                NullProgressSink.Instance);
            shards.Add(dir.Sub($"shard{i}"));
        }
        PackMerger.Merge(dir.Sub("merged"), shards);
        foreach (string name in new[]
                 {
                     PackFormat.LabelsWithoutImageFile, PackFormat.InfoFile, PackFormat.RejectedFile,
                     PackFormat.ManifestFile,
                 })
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("whole"), name)),
                File.ReadAllBytes(Path.Combine(dir.Sub("merged"), name)));
    }

    [Fact]
    public void A_pack_whose_labels_all_match_has_no_such_file_and_no_count()
    {
        using var dir = new TempDir();
        IngestRunner.Run(IngestRunnerTests.NihOptions(dir.Sub("pack")), NullProgressSink.Instance);
        Assert.False(File.Exists(Path.Combine(dir.Sub("pack"), PackFormat.LabelsWithoutImageFile)));
        Assert.DoesNotContain("labels_without_image", File.ReadAllText(Path.Combine(dir.Sub("pack"), "pack.json")));
    }
}
