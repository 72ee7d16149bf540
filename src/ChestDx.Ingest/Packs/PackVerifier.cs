using System.Security.Cryptography;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Sources;

namespace ChestDx.Ingest.Packs;

/// <summary>What `chestdx pack verify` found; an empty <see cref="Problems"/> means the pack is sound.</summary>
/// <param name="Disjointness">
/// Whether "no patient in two splits" was verified, assumed or not verifiable (no patient ids).
/// </param>
public sealed record VerifyReport(
    PackInfo Info, int ImagesChecked, int SourcesChecked, IReadOnlyList<string> Problems,
    PatientDisjointness Disjointness);

/// <summary>
/// Re-checks a finished pack: the three files agree (DatasetPack.Open: sizes, row numbers, no patient in two splits),
/// every image still has the SHA-256 the manifest recorded, pack.json's counts and prevalences match the manifest,
/// image ids are unique, pack.json's patient_ids matches the manifest's patient column, and — given the source
/// folder — every source file still has its recorded SHA-256 and every file of the folder appears exactly once in
/// manifest.csv or rejected.csv.
/// </summary>
public static class PackVerifier
{
    public static VerifyReport Verify(
        string directory, string? sourceRoot, IProgressSink progress, CancellationToken cancel = default)
    {
        var problems = new List<string>();
        using DatasetPack pack = DatasetPack.Open(directory);
        PackInfo info = pack.Info;
        List<RejectedInput> rejected = File.Exists(Path.Combine(directory, PackFormat.RejectedFile))
            ? RejectedCsv.Read(Path.Combine(directory, PackFormat.RejectedFile))
            : [];

        using (IProgressTask task = progress.Start("verify images", pack.Count))
        {
            for (int r = 0; r < pack.Count; r++)
            {
                cancel.ThrowIfCancellationRequested();
                if (pack.Entries[r].Extra.TryGetValue(ManifestColumns.PixelsSha256, out string? expected)
                    && Convert.ToHexStringLower(SHA256.HashData(pack.GetImage(r))) != expected)
                    problems.Add($"row {r} ({pack.Entries[r].ImageId}): image bytes do not match pixels_sha256");
                task.Advance();
            }
        }

        foreach (var dup in pack.Entries.GroupBy(e => e.ImageId).Where(g => g.Count() > 1).Take(5))
            problems.Add($"image id '{dup.Key}' appears in {dup.Count()} rows");
        string recorded = JsonSerializer.Serialize(info.Splits, PackInfo.JsonOptions);
        string recomputed =
            JsonSerializer.Serialize(PackSummary.Compute(pack.Entries, info.Classes), PackInfo.JsonOptions);
        if (recorded != recomputed) problems.Add("pack.json's split counts or prevalences differ from manifest.csv");
        if (info.Rejected != rejected.Count)
            problems.Add($"pack.json says {info.Rejected} rejected, rejected.csv has {rejected.Count} rows");
        int missing = LabelsWithoutImageCsv.Read(Path.Combine(directory, PackFormat.LabelsWithoutImageFile)).Count;
        if ((info.LabelsWithoutImage ?? 0) != missing)
            problems.Add($"pack.json says {info.LabelsWithoutImage ?? 0} labels rows without an image, "
                         + $"{PackFormat.LabelsWithoutImageFile} has {missing}");
        if (info.Inputs is { } inputs && inputs != info.Count + rejected.Count)
            problems.Add($"pack.json says {inputs} inputs, manifest + rejected hold {info.Count + rejected.Count}");

        // A finished pack holds no temporaries (ingest removes them before it finishes); one here is debris of a
        // killed write that some tool copied along, or a writer that is still running.
        foreach (string tmp in AtomicFile.FindTemporaries(directory).Order(StringComparer.Ordinal))
            problems.Add($"{Path.GetFileName(tmp)}: a temporary file of an interrupted write (delete it)");
        // Disjointness is only as good as the patient ids behind it: images without one are reported, never verified.
        string patientIds = PatientIdStatus.Of(pack.Entries);
        if (info.PatientIds is { } said && said != patientIds)
            problems.Add($"pack.json says patient_ids {said}, manifest.csv's patient column is {patientIds}");
        PatientDisjointness disjointness = PatientDisjointness.Of(info, pack.Entries);

        int sourcesChecked =
            sourceRoot is null ? 0 : CheckSources(pack, rejected, sourceRoot, problems, progress, cancel);
        return new VerifyReport(info, pack.Count, sourcesChecked, problems, disjointness);
    }

    private static int CheckSources(
        DatasetPack pack, List<RejectedInput> rejected, string root, List<string> problems, IProgressSink progress,
        CancellationToken cancel)
    {
        if (pack.Info.Settings?.SourcePathsPseudonymised == true)
        {
            problems.Add("source paths are pseudonymised in this pack: sources cannot be matched without the key");
            return 0;
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (PackEntry e in pack.Entries)
            if (e.Extra.TryGetValue(ManifestColumns.Source, out string? s)) seen[s] = seen.GetValueOrDefault(s) + 1;
        foreach (RejectedInput r in rejected) seen[r.Source] = seen.GetValueOrDefault(r.Source) + 1;

        List<SourceFile> files = SourceScanner.Scan(root);
        foreach (SourceFile f in files)
        {
            int n = seen.GetValueOrDefault(f.RelativePath);
            if (n == 0)
                problems.Add($"{f.RelativePath}: in the source folder but in neither manifest.csv nor rejected.csv");
            else if (n > 1) problems.Add($"{f.RelativePath}: listed {n} times");
        }
        int checkedCount = 0;
        using IProgressTask task = progress.Start("verify sources", pack.Count);
        foreach (PackEntry e in pack.Entries)
        {
            cancel.ThrowIfCancellationRequested();
            task.Advance();
            if (!e.Extra.TryGetValue(ManifestColumns.Source, out string? relative)
                || !e.Extra.TryGetValue(ManifestColumns.SourceSha256, out string? sha))
                continue;
            string path = Path.Combine(root, relative);
            if (!File.Exists(path))
            {
                problems.Add($"{relative}: source file is missing");
                continue;
            }
            using FileStream stream = File.OpenRead(path);
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != sha)
                problems.Add($"{relative}: source file changed (SHA-256 differs)");
            checkedCount++;
        }
        return checkedCount;
    }
}
