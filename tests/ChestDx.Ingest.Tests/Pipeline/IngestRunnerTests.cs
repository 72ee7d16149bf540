using System.Security.Cryptography;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Imaging.Png;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Tests.Normalisation;

namespace ChestDx.Ingest.Tests.Pipeline;

public class IngestRunnerTests
{
    internal static IngestOptions NihOptions(string output, string? source = null, string? labels = null) => new()
    {
        Source = source ?? TestData.SampleImages,
        Labels = labels ?? TestData.SampleLabels,
        Output = output,
        Pseudonymiser = Pseudonymiser.None,
        Workers = 2,
    };

    [Fact]
    public void Sample_pack_holds_all_11_images_with_Data_Entry_labels_and_reference_pixels()
    {
        using var dir = new TempDir();
        IngestReport report = IngestRunner.Run(NihOptions(dir.Sub("pack")), NullProgressSink.Instance);
        Assert.Empty(report.Rejected);

        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        Assert.Equal(11, pack.Count);
        Assert.Equal(256, pack.ImageSize);
        Assert.Equal(SplitMethod.Official, pack.Info.Settings!.Split.Method);
        var officialTest = File.ReadLines(Path.Combine(TestData.Root, "nih", "test_list.txt")).ToHashSet();
        var rows = File.ReadAllLines(TestData.SampleLabels).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        foreach (PackEntry e in pack.Entries)
        {
            string[] f = rows[e.ImageId];
            Assert.Equal(f[3], e.PatientId);
            Assert.Equal(f[6], e.View);
            Assert.Equal(f[5], e.Sex);
            Assert.Equal(int.Parse(f[4]), e.Age);
            for (int c = 0; c < ClassSet.ChestXray14.Count; c++)
                Assert.Equal(f[1].Split('|').Contains(ClassSet.ChestXray14[c]) ? 1f : 0f, e.Labels[c]);
            string file = Path.Combine(TestData.SampleImages, e.ImageId);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))),
                e.Extra[ManifestColumns.SourceSha256]);
            Assert.Equal(TestData.RgbaSamples.Contains(e.ImageId) ? "rgba" : "grey",
                e.Extra[ManifestColumns.SourceColour]);
            // NIH's official lists decide test vs train_val.
            Assert.Equal(e.Split == PackFormat.Test, officialTest.Contains(e.ImageId));
        }

        // Pixels value by value against the plain reference area average of the decoded source (a grey and an RGBA
        // file).
        foreach (string id in new[] { "00000075_000.png", "00000100_000.png" })
        {
            PackEntry e = pack.Entries.Single(x => x.ImageId == id);
            using var source = PngImageDecoder.Decode(
                File.ReadAllBytes(Path.Combine(TestData.SampleImages, id)), id, new List<string>()).Pixels;
            byte[] expected = ReferenceResize.Area(
                source.Bytes.ToArray().Select(b => (double)b).ToArray(), 1024, 1024, 256, 256, 255);
            Assert.Equal(expected, pack.GetImage(e.Row).ToArray());
        }
    }

    [Fact]
    public void Every_input_appears_once_in_manifest_or_rejected_with_a_reason_and_the_run_goes_on()
    {
        using var dir = new TempDir();
        string source = dir.Sub("src");
        Directory.CreateDirectory(Path.Combine(source, "images_001", "images"));
        foreach (string f in TestData.SampleFiles)
            File.Copy(f, Path.Combine(source, "images_001", "images", Path.GetFileName(f)));
        // A truncated copy of a labelled image replaces the real one; random bytes; an image nobody labelled; a README.
        File.Copy(TestData.Broken("truncated_00000493_000.png"),
            Path.Combine(source, "images_001", "images", "00000493_000.png"), overwrite: true);
        File.Copy(TestData.Broken("random_bytes.png"),
            Path.Combine(source, "images_001", "images", "00013122_000.png"), overwrite: true);
        File.Copy(TestData.SampleFiles[0], Path.Combine(source, "unlabelled.png"));
        File.WriteAllText(Path.Combine(source, "README.txt"), "not an image");

        IngestReport report = IngestRunner.Run(
            NihOptions(dir.Sub("pack"), source, TestData.Broken("Data_Entry_2017_style.csv")),
            NullProgressSink.Instance);

        var reasons = report.Rejected.ToDictionary(r => r.Source, r => r.Reason);
        Assert.StartsWith("truncated PNG", reasons["images_001/images/00000493_000.png"]);
        Assert.Equal("not a supported image: no PNG, JPEG or DICOM signature",
            reasons["images_001/images/00013122_000.png"]);
        Assert.StartsWith("no labels row for this image", reasons["unlabelled.png"]);
        Assert.StartsWith("no labels row", reasons["README.txt"]);
        Assert.Equal(4, report.Rejected.Count);
        // The labels row without an image is no input: listed apart, not rejected.
        Assert.Equal(["labels_line,image_id", "13,00099999_000.png"],
            File.ReadAllLines(Path.Combine(dir.Sub("pack"), PackFormat.LabelsWithoutImageFile)));

        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        Assert.Equal(9, pack.Count);
        Assert.Equal(13, pack.Info.Inputs);
        Assert.Equal(1, pack.Info.LabelsWithoutImage);
        Assert.Equal(1, pack.Info.Settings!.Labels.AgesBlanked);
        var sources = pack.Entries.Select(e => e.Extra[ManifestColumns.Source])
            .Concat(report.Rejected.Select(r => r.Source)).ToList();
        Assert.Equal(sources.Count, sources.Distinct().Count());
        Assert.Equal(13, sources.Count); // the 13 files
    }

    [Fact]
    public void No_clear_patient_id_reaches_any_output_file()
    {
        using var dir = new TempDir();
        string source = dir.Sub("src");
        Directory.CreateDirectory(source);
        var lines = new List<string> { "image_id,patient_id,view,sex,age,Effusion" };
        string[] secrets = new string[TestData.SampleFiles.Length];
        for (int i = 0; i < secrets.Length; i++)
        {
            secrets[i] = $"MRN-SECRET-{4711 + i % 4}";
            File.Copy(TestData.SampleFiles[i], Path.Combine(source, $"img{i:00}.png"));
            lines.Add($"img{i:00}.png,{secrets[i]},PA,F,50,{i % 2}");
        }
        string labels = dir.Sub("labels.csv");
        File.WriteAllLines(labels, lines);
        byte[] key = "a site key that is long enough!!"u8.ToArray();
        var options = NihOptions(dir.Sub("pack"), source, labels)
            with { Pseudonymiser = Pseudonymiser.FromKey(key, "test") };
        IngestRunner.Run(options, NullProgressSink.Instance);

        foreach (string file in Directory.GetFiles(dir.Sub("pack")))
        {
            string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain("MRN-SECRET", text);
        }
        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        // The pseudonym is HMAC-SHA256(key, "patient\0" + id), 128 bits in hex: recomputed here independently.
        string expected = Convert.ToHexStringLower(
            HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes("patient\0" + secrets[0])))[..32];
        Assert.Equal(expected, pack.Entries[0].PatientId);
        Assert.Equal(4, pack.Entries.Select(e => e.PatientId).Distinct().Count());
        Assert.Equal(SplitMethod.Random, pack.Info.Settings!.Split.Method);
        Assert.Equal("hmac-sha256", pack.Info.Settings.Pseudonym);
    }

    [Fact]
    public void Without_a_key_or_no_pseudonym_ingestion_refuses_to_start()
    {
        var e = Assert.Throws<ChestDxException>(() => Pseudonymiser.Resolve(null, false, _ => null));
        Assert.Contains("--key-file", e.Message);
        Assert.Contains("--no-pseudonym", e.Message);
        Assert.Throws<ChestDxException>(() => Pseudonymiser.FromKey("short"u8, "k"));
    }

    [Fact]
    public void Shards_merged_equal_a_single_run_byte_for_byte()
    {
        using var dir = new TempDir();
        IngestRunner.Run(NihOptions(dir.Sub("whole")), NullProgressSink.Instance);
        var shards = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            string shard = dir.Sub($"shard{i}");
            IngestRunner.Run(
                NihOptions(shard) with { Shard = new ShardSpec(i, 4), Workers = 1 }, NullProgressSink.Instance);
            shards.Add(shard);
        }
        shards.Reverse();
        Packs.PackMerger.Merge(dir.Sub("merged"), shards);
        AssertSamePack(dir.Sub("whole"), dir.Sub("merged"));

        var e = Assert.Throws<ChestDxException>(
            () => Packs.PackMerger.Merge(dir.Sub("merged2"), shards.Take(3).ToList()));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Interrupted_run_with_a_torn_journal_resumes_to_the_identical_pack()
    {
        using var dir = new TempDir();
        IngestRunner.Run(NihOptions(dir.Sub("whole")), NullProgressSink.Instance);

        string pack = dir.Sub("resumed");
        using (var cancel = new CancellationTokenSource())
        {
            var progress = new CancelAfter(cancel, 6);
            Assert.ThrowsAny<OperationCanceledException>(
                () => IngestRunner.Run(NihOptions(pack), progress, cancel.Token));
        }
        string partial = Path.Combine(pack, ".partial");
        Assert.True(File.Exists(Path.Combine(partial, "journal.jsonl")));
        // What a kill -9 can leave: image bytes the journal never named, and half a journal line.
        File.AppendAllText(Path.Combine(partial, "journal.jsonl"), "{\"Index\":6,\"Rec");
        using (var images = new FileStream(Path.Combine(partial, "images.u8"), FileMode.Append))
            images.Write(new byte[1000]);

        var resumed = new RecordingProgressSink();
        IngestReport report = IngestRunner.Run(NihOptions(pack), resumed);
        Assert.InRange(report.Resumed, 6, 10);
        Assert.Contains(resumed.Infos, m => m.StartsWith("resuming:"));
        AssertSamePack(dir.Sub("whole"), pack);
        Assert.False(Directory.Exists(partial));

        // Running the same command again finds the finished pack and does nothing.
        Assert.True(IngestRunner.Run(NihOptions(pack), NullProgressSink.Instance).AlreadyComplete);
        var other = Assert.Throws<ChestDxException>(
            () => IngestRunner.Run(NihOptions(pack) with { Size = 224 }, NullProgressSink.Instance));
        Assert.Contains("other settings", other.Message);
    }

    [Fact]
    public void A_corrupted_image_in_the_journal_is_redone_not_trusted()
    {
        using var dir = new TempDir();
        IngestRunner.Run(NihOptions(dir.Sub("whole")), NullProgressSink.Instance);
        string pack = dir.Sub("p");
        using (var cancel = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(
                () => IngestRunner.Run(NihOptions(pack), new CancelAfter(cancel, 5), cancel.Token));
        string images = Path.Combine(pack, ".partial", "images.u8");
        byte[] bytes = File.ReadAllBytes(images);
        bytes[2 * 256 * 256 + 77] ^= 0xFF; // damage the third image
        File.WriteAllBytes(images, bytes);
        IngestReport report = IngestRunner.Run(NihOptions(pack), NullProgressSink.Instance);
        Assert.Equal(2, report.Resumed);
        AssertSamePack(dir.Sub("whole"), pack);
    }

    [Fact]
    public void A_pack_written_inside_the_source_folder_is_not_read_as_input()
    {
        using var dir = new TempDir();
        foreach (string f in TestData.SampleFiles) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        string pack = Path.Combine(dir.Path, "packs", "nih");
        Assert.Equal(11, IngestRunner.Run(NihOptions(pack, dir.Path), NullProgressSink.Instance).Info.Count);
        IngestReport again = IngestRunner.Run(NihOptions(pack, dir.Path), NullProgressSink.Instance);
        Assert.True(again.AlreadyComplete);
        Assert.Empty(again.Rejected);
    }

    [Fact]
    public void Symlinked_images_and_folders_are_inputs_too()
    {
        using var dir = new TempDir();
        string source = dir.Sub("src");
        Directory.CreateDirectory(source);
        string[] files = TestData.SampleFiles;
        File.CreateSymbolicLink(Path.Combine(source, Path.GetFileName(files[0])), files[0]);
        Directory.CreateSymbolicLink(Path.Combine(source, "images_001"), TestData.SampleImages);
        var plan = IngestPlan.Create(source, null, null, NullProgressSink.Instance);
        Assert.Equal(1 + files.Length, plan.Inputs.Count);
        Assert.Equal($"images_001/{Path.GetFileName(files[0])}", plan.Inputs[1].File!.RelativePath);
    }

    internal static void AssertSamePack(string expected, string actual)
    {
        foreach (string name in new[]
                 {
                     PackFormat.ImagesFile, PackFormat.ManifestFile, PackFormat.RejectedFile, PackFormat.InfoFile,
                 })
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
        Assert.Equal(4, Directory.GetFileSystemEntries(actual).Length);
    }

    /// <summary>
    /// Cancels the run after N inputs have been written (the journal is then left as a crash would leave it).
    /// </summary>
    private sealed class CancelAfter(CancellationTokenSource cancel, int n) : IProgressSink
    {
        public IProgressTask Start(string description, long total) => new Task(cancel, n);
        public void Info(string message) { }
        public void Warn(string message) { }

        private sealed class Task(CancellationTokenSource cancel, int n) : IProgressTask
        {
            private int _count;
            public void Advance(long steps = 1)
            {
                if ((_count += (int)steps) >= n) cancel.Cancel();
            }
            public void Describe(string description) { }
            public void Dispose() { }
        }
    }
}
