using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Packs;
using ChestDx.Ingest.TestPoints;
using CsvHelper;

namespace ChestDx.Ingest.Packs;

/// <summary>
/// Writes a finished pack from its rows, rejections and an images file: manifest.csv and rejected.csv (atomically,
/// streamed: no whole-dataset list), images.u8 moved into place, pack.json last, so a directory with a pack.json is
/// always complete. The patient-leakage check runs while the manifest is written; a leak aborts before pack.json
/// exists. Ingestion and `pack merge` both end here, which is why a merged pack equals a single run byte for byte.
/// </summary>
public static class PackFinaliser
{
    /// <param name="template">pack.json without counts and splits (size, classes, settings, software, shard).</param>
    /// <param name="withoutImage">Labels rows no file matched (not inputs): labels-without-image.csv, written only
    /// when there are any.</param>
    public static PackInfo Write(
        string directory, PackInfo template, IEnumerable<ManifestRecord> rows, IEnumerable<RejectedInput> rejects,
        string imagesPath, IEnumerable<LabelsRowWithoutImage>? withoutImage = null)
    {
        IReadOnlyList<string> classes = template.Classes;
        string manifestPath = Path.Combine(directory, PackFormat.ManifestFile);
        var entries = new List<PackEntry>();
        AtomicFile.Write(manifestPath, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = new CsvWriter(writer, ManifestCsv.Config, leaveOpen: true);
            ManifestCsv.WriteHeader(csv, classes, ManifestColumns.Provenance);
            int row = 0;
            foreach (ManifestRecord record in rows)
            {
                ManifestCsv.WriteRow(csv, record, row);
                entries.Add(record.ToEntry(row));
                row++;
            }
            csv.Flush();
            DatasetPack.CheckPatientsDisjoint(manifestPath, entries);
            IngestTestPoints.At(IngestTestPoints.ManifestWritten);
        });

        int rejected = 0;
        AtomicFile.Write(Path.Combine(directory, PackFormat.RejectedFile), stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            RejectedCsv.Write(writer, rejects.Select(r => { rejected++; return r; }));
            writer.Flush();
            IngestTestPoints.At(IngestTestPoints.RejectedWritten);
        });

        List<LabelsRowWithoutImage> missing = withoutImage?.ToList() ?? [];
        string missingPath = Path.Combine(directory, PackFormat.LabelsWithoutImageFile);
        if (missing.Count > 0)
            AtomicFile.Write(missingPath, stream =>
            {
                using var writer = new StreamWriter(stream, leaveOpen: true);
                LabelsWithoutImageCsv.Write(writer, missing);
                writer.Flush();
            });
        else if (File.Exists(missingPath)) File.Delete(missingPath);

        long expected = (long)entries.Count * template.ImageSize * template.ImageSize;
        string finalImages = Path.Combine(directory, PackFormat.ImagesFile);
        if (Path.GetFullPath(imagesPath) != Path.GetFullPath(finalImages))
        {
            if (new FileInfo(imagesPath).Length != expected)
                throw ChestDxException.ForFile(imagesPath,
                    $"{new FileInfo(imagesPath).Length} bytes, expected {expected} for {entries.Count} images");
            File.Move(imagesPath, finalImages, overwrite: true);
        }
        IngestTestPoints.At(IngestTestPoints.ImagesMoved);

        PackInfo info = template with
        {
            Count = entries.Count,
            Rejected = rejected,
            Inputs = entries.Count + rejected,
            LabelsWithoutImage = missing.Count > 0 ? missing.Count : null,
            PatientIds = PatientIdStatus.Of(entries),
            Splits = PackSummary.Compute(entries, classes),
        };
        AtomicFile.WriteAllText(Path.Combine(directory, PackFormat.InfoFile), info.ToJson());
        return info;
    }
}
