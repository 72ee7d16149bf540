using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Pipeline;
using CsvHelper;

namespace ChestDx.Ingest.Tests.Pipeline;

/// <summary>
/// Core's ManifestCsv is the one reader and writer of manifest.csv: an ingested manifest read back either way (exact
/// strings for merge, typed entries for training and evaluation) and written again is the same file byte for byte.
/// </summary>
public class ManifestCsvTests
{
    [Fact]
    public void An_ingested_manifest_round_trips_byte_for_byte_as_records_and_as_entries()
    {
        using var dir = new TempDir();
        IngestRunner.Run(IngestRunnerTests.NihOptions(dir.Sub("pack")), NullProgressSink.Instance);
        string manifest = Path.Combine(dir.Sub("pack"), PackFormat.ManifestFile);
        IReadOnlyList<string> classes;
        using (DatasetPack pack = DatasetPack.Open(dir.Sub("pack"))) classes = pack.Classes;
        byte[] original = File.ReadAllBytes(manifest);

        var viaRecords = new StringWriter();
        using (var csv = new CsvWriter(viaRecords, ManifestCsv.Config, leaveOpen: true))
        {
            ManifestCsv.WriteHeader(csv, classes, ManifestColumns.Provenance);
            int row = 0;
            foreach (ManifestRecord r in ManifestCsv.ReadRecords(manifest, classes))
                ManifestCsv.WriteRow(csv, r, row++);
        }
        Assert.Equal(original, System.Text.Encoding.UTF8.GetBytes(viaRecords.ToString()));

        var viaEntries = new StringWriter();
        ManifestCsv.Write(viaEntries, classes, ManifestColumns.Provenance, ManifestCsv.Read(manifest, classes));
        Assert.Equal(original, System.Text.Encoding.UTF8.GetBytes(viaEntries.ToString()));
    }

    [Fact]
    public void A_manifest_without_provenance_columns_cannot_be_merged_and_the_error_names_the_file_and_column()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "manifest.csv");
        File.WriteAllText(path, "row,image_id,patient,view,sex,age,A,split\n0,x.png,p1,PA,F,50,1,train\n");
        Assert.Single(ManifestCsv.Read(path, ["A"]));
        var e = Assert.Throws<ChestDxException>(() => ManifestCsv.ReadRecords(path, ["A"]).ToList());
        Assert.StartsWith(path, e.Message);
        Assert.Contains($"missing column '{ManifestColumns.Provenance[0]}'", e.Message);
    }
}
