using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Core.Labels;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Tests.Inputs;

/// <summary>Each reference-label format, recognised by header, with its documented conventions.</summary>
public sealed class LabelReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-labels-").FullName;
    private static string Nih(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "data", "nih", .. parts]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Data_entry_v2020_gives_all_14_classes_known_for_every_image()
    {
        ReferenceLabels t = LabelReader.Read(Nih("Data_Entry_2017_v2020.csv.gz"));
        Assert.Equal(LabelSourceKind.NihDataEntry, t.Kind);
        Assert.Equal(112_120, t.Ids.Count);
        Assert.Equal(14, t.Classes.Count);
        // Per-label image counts of the v2020 file (anchors §3).
        Assert.Equal(19_894, t.Values[t.IndexOfClass("Infiltration")].Count(v => v == 1));
        Assert.Equal(227, t.Values[t.IndexOfClass("Hernia")].Count(v => v == 1));
        Assert.All(t.Values, v => Assert.DoesNotContain(ReferenceLabels.Unknown, v));
    }

    [Fact]
    public void Data_entry_2017_layout_with_its_trailing_empty_column_reads_the_same()
    {
        string path = Path.Combine(_dir, "Data_Entry_2017.csv");
        File.WriteAllText(path,
            "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
            + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],\n"
            + "00000001_000.png,Cardiomegaly,0,1,58,M,PA,2682,2749,0.143,0.143,\n"
            + "00000001_001.png,Cardiomegaly|Emphysema,1,1,58,M,PA,2894,2729,0.143,0.143,\n"
            + "00000002_000.png,No Finding,0,2,81,M,PA,2500,2048,0.171,0.171,\n");
        ReferenceLabels t = LabelReader.Read(path);
        Assert.Contains("2017 layout", t.Description);
        Assert.Equal(new sbyte[] { 0, 1, 0 }, t.Values[t.IndexOfClass("Emphysema")]);
        Assert.Equal(new sbyte[] { 1, 1, 0 }, t.Values[t.IndexOfClass("Cardiomegaly")]);
    }

    [Fact]
    public void An_unknown_finding_token_makes_the_rows_unlisted_classes_unknown_not_negative()
    {
        // LABEL_SCHEMA.md rule 1 (was an error here, unknown in ingestion): the token might be a spelling of a class.
        string path = Path.Combine(_dir, "de.csv");
        File.WriteAllText(path, "Image Index,Finding Labels\na.png,Cardiomegaly|Pneumonitis\nb.png,No Finding\n");
        ReferenceLabels t = LabelReader.Read(path);
        Assert.Equal([1, 0], t.Values[t.IndexOfClass("Cardiomegaly")].Select(v => (int)v));
        Assert.Equal([ReferenceLabels.Unknown, (sbyte)0], t.Values[t.IndexOfClass("Mass")]);
        Assert.Contains("unknown token (Pneumonitis)", t.Description);
    }

    [Fact]
    public void No_finding_together_with_a_finding_is_an_error_naming_file_and_line()
    {
        // LABEL_SCHEMA.md rule 2 (was read as the finding here, a rejected row in ingestion).
        string path = Path.Combine(_dir, "de.csv");
        File.WriteAllText(path, "Image Index,Finding Labels\na.png,Mass\nb.png,No Finding|Mass\n");
        var e = Assert.Throws<ChestDxException>(() => LabelReader.Read(path));
        Assert.Equal($"{path}: line 3: 'No Finding' together with findings in 'No Finding|Mass'", e.Message);
    }

    [Fact]
    public void Google_expert_labels_read_yes_no_and_filter_by_set()
    {
        ReferenceLabels all = LabelReader.Read(Nih("reference-sets", "google2019_nih-chest-xray-labels.csv.gz"));
        Assert.Equal(LabelSourceKind.GoogleExpert, all.Kind);
        Assert.Equal(4_376, all.Ids.Count);
        Assert.Equal(["Fracture", "Pneumothorax", "Airspace opacity", "Nodule or mass"], all.Classes);

        ReferenceLabels test = LabelReader.Read(
            Nih("reference-sets", "google2019_nih-chest-xray-labels.csv.gz"), new LabelReadOptions { Subset = "test" });
        Assert.Equal(1_962, test.Ids.Count);
        // Counts from the file (anchors §4.1): test set positives.
        Assert.Equal(195, test.Values[test.IndexOfClass("Pneumothorax")].Count(v => v == 1));
        Assert.Equal(72, test.Values[test.IndexOfClass("Fracture")].Count(v => v == 1));

        // The zipped test file is the same table.
        ReferenceLabels zipped = LabelReader.Read(Nih("reference-sets", "test_labels.csv.zip"));
        Assert.Equal(test.Ids, zipped.Ids);
    }

    [Fact]
    public void Bbox_list_gives_positives_and_unknowns_never_negatives()
    {
        ReferenceLabels t = LabelReader.Read(Nih("BBox_List_2017.csv.gz"));
        Assert.Equal(LabelSourceKind.NihBBox, t.Kind);
        Assert.Equal(880, t.Ids.Count);
        Assert.Equal(8, t.Classes.Count);
        Assert.Contains("Infiltration", t.Classes);
        Assert.DoesNotContain("Infiltrate", t.Classes);
        Assert.All(t.Values, v => Assert.DoesNotContain((sbyte)0, v));
        Assert.Equal(123, t.Values[t.IndexOfClass("Infiltration")].Count(v => v == 1));
    }

    [Fact]
    public void Predictions_accept_the_prob_prefix_and_say_so()
    {
        string path = Path.Combine(_dir, "p.csv");
        File.WriteAllText(path, "Image Index,prob_Mass,Nodule\na,0.1,0.2\n");
        PredictionTable p = PredictionTable.Read(path);
        Assert.Equal(["Mass", "Nodule"], p.Classes);
        Assert.Equal(["prob_Mass"], p.PrefixedColumns);
    }

    [Fact]
    public void Quoted_fields_and_crlf_are_read_per_rfc4180()
    {
        string path = Path.Combine(_dir, "q.csv");
        File.WriteAllText(path, "id,\"A\"\r\n\"x,1\",1\r\n\"say \"\"hi\"\"\",0\r\n");
        ReferenceLabels t = LabelReader.Read(path);
        Assert.Equal(["x,1", "say \"hi\""], t.Ids);
        Assert.Equal(new sbyte[] { 1, 0 }, t.Values[0]);
    }
}
