using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Packs;

/// <summary>
/// `chestdx pack merge SHARD… --out PACK`: joins the packs of `--shard i/N` runs into the pack one run would have made,
/// byte for byte. Refuses shards that do not belong together: different settings, inputs, key or software, a
/// missing or repeated shard, or slices that do not tile the inputs.
/// </summary>
public static class PackMerger
{
    public static PackInfo Merge(string output, IReadOnlyList<string> shardDirectories)
    {
        if (shardDirectories.Count == 0) throw new ChestDxException("pack merge: no shard packs given");
        var shards = shardDirectories.Select(d => (Dir: d, Info: DatasetPack.ReadInfo(d))).ToList();
        foreach ((string dir, PackInfo info) in shards)
            if (info.Shard is null) throw ChestDxException.ForFile(dir, "not a shard pack (made without --shard)");
        shards.Sort((a, b) => a.Info.Shard!.Index.CompareTo(b.Info.Shard!.Index));

        (string firstDir, PackInfo first) = shards[0];
        string key = Key(first);
        int count = first.Shard!.Count, next = 0;
        for (int i = 0; i < shards.Count; i++)
        {
            (string dir, PackInfo info) = shards[i];
            ShardInfo s = info.Shard!;
            if (Key(info) != key)
                throw ChestDxException.ForFile(dir,
                    $"made with other settings, inputs, key or software than {firstDir}");
            if (s.Count != count || s.Total != first.Shard.Total)
                throw ChestDxException.ForFile(dir,
                    $"shard {s.Index}/{s.Count} of {s.Total} inputs does not belong with " +
                    $"{first.Shard.Index}/{count} of {first.Shard.Total}");
            if (s.Index != i)
                throw ChestDxException.ForFile(dir,
                    i < s.Index ? $"shard {i}/{count} is missing" : $"shard {s.Index}/{count} is given twice");
            if (s.First != next) throw ChestDxException.ForFile(dir, $"holds inputs from {s.First}, expected {next}");
            next += s.Length;
        }
        if (shards.Count != count)
            throw new ChestDxException(
                $"pack merge: {shards.Count} of {count} shards given; shard {shards.Count}/{count} is missing");
        if (next != first.Shard.Total)
            throw new ChestDxException($"pack merge: shards cover {next} of {first.Shard.Total} inputs");

        // Every shard must itself be a sound pack (sizes agree, no leakage inside it), and no image may sit in two
        // shards: a single run would have rejected the second copy, which a merge cannot reproduce.
        var firstShardOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string dir, _) in shards)
        {
            using DatasetPack pack = DatasetPack.Open(dir);
            foreach (PackEntry e in pack.Entries)
                if (!firstShardOf.TryAdd(e.ImageId, dir))
                    throw ChestDxException.ForFile(dir,
                        $"image id '{e.ImageId}' is also in {firstShardOf[e.ImageId]}" +
                        $": the source holds the same image twice; remove the copy or ingest without --shard");
        }

        string fullOutput = Path.GetFullPath(output);
        // The output lock of the merge command itself (.chestdx.lock, .chestdx.lock.json) does not count.
        if (Directory.Exists(fullOutput)
            && Directory.EnumerateFileSystemEntries(fullOutput)
                .Any(e => !Path.GetFileName(e).StartsWith(OutputLock.FileName, StringComparison.Ordinal)))
            throw ChestDxException.ForFile(output, "already exists and is not empty");
        Directory.CreateDirectory(fullOutput);
        string images = Path.Combine(fullOutput, $".{PackFormat.ImagesFile}.merging");
        using (var target = new FileStream(images, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            foreach ((string dir, _) in shards)
            {
                using var source = new FileStream(
                    Path.Combine(dir, PackFormat.ImagesFile), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
                source.CopyTo(target);
            }
            target.Flush(flushToDisk: true);
        }
        PackInfo template = first with
        {
            Shard = null, Count = 0, Rejected = 0, Inputs = null, PatientIds = null, LabelsWithoutImage = null,
            Splits = new Dictionary<string, SplitSummary>()
        };
        return PackFinaliser.Write(
            fullOutput, template,
            shards.SelectMany(s =>
                ManifestCsv.ReadRecords(Path.Combine(s.Dir, PackFormat.ManifestFile), first.Classes)),
            shards.SelectMany(s => RejectedCsv.Read(Path.Combine(s.Dir, PackFormat.RejectedFile))),
            images,
            shards.SelectMany(s =>
                LabelsWithoutImageCsv.Read(Path.Combine(s.Dir, PackFormat.LabelsWithoutImageFile))));
    }

    /// <summary>What must be equal across shards: everything but the counts and the slice.</summary>
    private static string Key(PackInfo p) => JsonSerializer.Serialize(
        p with
        {
            Shard = null, Count = 0, Rejected = 0, Inputs = null, PatientIds = null, LabelsWithoutImage = null,
            Splits = new Dictionary<string, SplitSummary>()
        },
        PackInfo.JsonOptions);
}
