using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;

namespace ChestDx.Ingest.Tests.Labels;

public class LabelsReaderTests
{
    [Fact]
    public void Full_v2020_Data_Entry_reproduces_the_published_label_counts()
    {
        LabelTable table = LabelFile.Read(TestData.DataEntryV2020, progress: NullProgressSink.Instance);
        Assert.Equal(LabelFileFormat.NihDataEntry, table.Format);
        Assert.Equal(112_120, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Null(r.Error));
        Assert.Equal(30_805, table.Rows.Select(r => r.PatientId).Distinct().Count());
        // Per-label image counts of ChestX-ray14 (Wang et al. 2017; recounted from
        // data-manifests/nih-cxr14/Data_Entry_2017_v2020.csv.gz).
        var expected = new Dictionary<string, int>
        {
            ["Infiltration"] = 19_894, ["Effusion"] = 13_317, ["Atelectasis"] = 11_559, ["Nodule"] = 6_331,
            ["Mass"] = 5_782, ["Pneumothorax"] = 5_302, ["Consolidation"] = 4_667, ["Pleural_Thickening"] = 3_385,
            ["Cardiomegaly"] = 2_776, ["Emphysema"] = 2_516, ["Edema"] = 2_303, ["Fibrosis"] = 1_686,
            ["Pneumonia"] = 1_431, ["Hernia"] = 227,
        };
        foreach ((string cls, int count) in expected)
            Assert.Equal(count,
                table.Rows.Count(r => r.Labels[ClassSet.ChestXray14.IndexOf(cls)] == LabelValue.Positive));
        Assert.Equal(60_361, table.Rows.Count(r => r.Labels.All(v => v == LabelValue.Negative)));
        Assert.Equal(67_310, table.Rows.Count(r => r.View == "PA"));
        Assert.Equal(63_340, table.Rows.Count(r => r.Sex == "M"));
        Assert.Equal(0, table.AgesBlanked);
    }

    [Fact]
    public void Sample_labels_match_the_finding_strings()
    {
        LabelTable table = LabelFile.Read(TestData.SampleLabels, progress: NullProgressSink.Instance);
        string[] lines = File.ReadAllLines(TestData.SampleLabels).Skip(1).ToArray();
        Assert.Equal(lines.Length, table.Rows.Count);
        for (int i = 0; i < lines.Length; i++)
        {
            string[] f = lines[i].Split(',');
            string[] findings = f[1].Split('|');
            LabelRow row = table.Rows[i];
            Assert.Equal(f[0], row.ImageId);
            Assert.Equal(f[3], row.PatientId);
            Assert.Equal(int.Parse(f[4]), row.Age);
            for (int c = 0; c < ClassSet.ChestXray14.Count; c++)
                Assert.Equal(
                    findings.Contains(ClassSet.ChestXray14.Names[c]) ? LabelValue.Positive : LabelValue.Negative,
                    row.Labels[c]);
        }
    }

    [Fact]
    public void The_2017_layout_keeps_rows_with_impossible_ages_but_blanks_and_records_the_age()
    {
        LabelTable table =
            LabelFile.Read(TestData.Broken("Data_Entry_2017_style.csv"), progress: NullProgressSink.Instance);
        Assert.Equal(12, table.Rows.Count);
        LabelRow bogus = table.Rows.Single(r => r.ImageId == "00000493_000.png");
        Assert.Null(bogus.Age);
        Assert.Null(bogus.Error);
        Assert.Contains("age 414 over 120 blanked", bogus.Notes);
        Assert.Equal(LabelValue.Positive, bogus.Labels[ClassSet.ChestXray14.IndexOf("Pneumothorax")]);
        Assert.Equal(1, table.AgesBlanked);
    }

    [Fact]
    public void Generic_csv_maps_synonyms_and_keeps_unknowns_unknown()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, "image_id,patient_id,sex,Pleural Effusion,Infiltrate,Cardiomegaly,Lung Opacity\n" +
                                "a.png,P1,F,1,0,-1,1\n" +
                                "b.png,P2,male,0,,1,0\n" +
                                "c.png,P3,M,yes,0,0,0\n");
        var progress = new RecordingProgressSink();
        // "Lung Opacity" is not a ChestX-ray14 finding, so auto would take the file's own columns: the 14 are asked
        // for.
        LabelTable table = LabelFile.Read(
            path, new LabelReadOptions { Classes = LabelClassChoice.Of(ClassSet.ChestXray14) }, progress);
        Assert.Equal(LabelFileFormat.GenericCsv, table.Format);
        Assert.Same(ClassSet.ChestXray14, table.Classes);
        Assert.Equal(["Lung Opacity"], table.Ignored);
        Assert.Contains(progress.Warnings, w => w.Contains("Lung Opacity"));

        sbyte Label(int row, string cls) => table.Rows[row].Labels[ClassSet.ChestXray14.IndexOf(cls)];
        Assert.Equal(LabelValue.Positive, Label(0, "Effusion"));
        Assert.Equal(LabelValue.Negative, Label(0, "Infiltration"));
        Assert.Equal(LabelValue.Unknown, Label(0, "Cardiomegaly"));  // CheXpert's −1 (uncertain)
        Assert.Equal(LabelValue.Unknown, Label(0, "Consolidation")); // no column: unknown, never negative
        Assert.Equal(LabelValue.Unknown, Label(1, "Infiltration"));  // blank
        Assert.Equal("M", table.Rows[1].Sex);
        Assert.Equal("labels.csv line 4: value 'yes' for Pleural Effusion is not 1, 0 or blank", table.Rows[2].Error);
    }

    [Fact]
    public void A_csv_without_the_expected_columns_is_a_one_line_error()
    {
        using var dir = new TempDir();
        string path = dir.Sub("bad.csv");
        File.WriteAllText(path, "file,finding\nx.png,Mass\n");
        var e = Assert.Throws<ChestDxException>(() => LabelFile.Read(path, progress: NullProgressSink.Instance));
        Assert.StartsWith($"{path}: expected a 'image_id' column", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Two_columns_for_one_class_are_refused()
    {
        using var dir = new TempDir();
        string path = dir.Sub("dup.csv");
        File.WriteAllText(path, "image_id,Effusion,Pleural Effusion\nx.png,1,1\n");
        var e = Assert.Throws<ChestDxException>(() => LabelFile.Read(path, progress: NullProgressSink.Instance));
        Assert.Contains("both mean Effusion", e.Message);
    }

    [Theory]
    [InlineData("Infiltrate", "Infiltration")]
    [InlineData("pleural_thickening", "Pleural_Thickening")]
    [InlineData("Pleural Thickening", "Pleural_Thickening")]
    [InlineData("Pleural Effusion", "Effusion")]
    [InlineData("No Finding", null)]
    [InlineData("Lung Opacity", null)]
    [InlineData("Enlarged Cardiomediastinum", null)]
    [InlineData("Pneumonitis", null)]
    public void The_harmonisation_table_maps_only_the_same_finding_onto_the_14(string name, string? cls) =>
        Assert.Equal(cls is null ? -1 : ClassSet.ChestXray14.IndexOf(cls), ClassSet.ChestXray14.Find(name));

    [Theory]
    [InlineData("No Finding", true)]
    [InlineData("Lung Opacity", true)]
    [InlineData("Enlarged Cardiomediastinum", true)]
    [InlineData("Hiatal Hernia", true)]
    [InlineData("Airspace opacity", true)]
    [InlineData("Pneumonitis", false)]
    [InlineData("Cardiomegally", false)]
    public void Known_findings_are_told_from_unknown_tokens(string name, bool known) =>
        Assert.Equal(known, Findings.IsKnown(name));

    [Fact]
    public void Auto_takes_the_files_own_label_columns_when_one_is_not_a_ChestXray14_finding()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, "image_id,patient_id,Pleural Effusion,Lung Opacity,Fracture,notes\n" +
                                "a.png,P1,1,0,-1,seen twice\n" +
                                "b.png,P2,0,1,,\n");
        var progress = new RecordingProgressSink();
        LabelTable table = LabelFile.Read(path, progress: progress);
        Assert.Equal(ClassSet.CustomId, table.Classes.Id);
        Assert.Equal(["Pleural Effusion", "Lung Opacity", "Fracture"], table.Classes.Names);
        Assert.Equal(["notes"], table.Ignored); // free text is not a label column
        Assert.Contains(progress.Warnings, w => w.Contains("notes"));
        Assert.Equal([LabelValue.Positive, LabelValue.Negative, LabelValue.Unknown], table.Rows[0].Labels);
        Assert.Equal([LabelValue.Negative, LabelValue.Positive, LabelValue.Unknown], table.Rows[1].Labels);
        Assert.StartsWith("line 2: \"-1\"", table.Uncertain["Fracture"]);
    }

    [Fact]
    public void Auto_keeps_the_14_in_canonical_order_for_a_file_of_ChestXray14_findings_under_any_synonym()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, "image_id,Infiltrate,Pleural Effusion\na.png,1,0\n");
        LabelTable table = LabelFile.Read(path, progress: NullProgressSink.Instance);
        Assert.Same(ClassSet.ChestXray14, table.Classes);
        Assert.Equal(LabelValue.Positive, table.Rows[0].Labels[ClassSet.ChestXray14.IndexOf("Infiltration")]);
        Assert.Equal(LabelValue.Negative, table.Rows[0].Labels[ClassSet.ChestXray14.IndexOf("Effusion")]);
        // No column: unknown, never negative.
        Assert.Equal(12, table.Rows[0].Labels.Count(v => v == LabelValue.Unknown));
    }

    [Fact]
    public void A_named_set_reads_synonym_columns_and_leaves_its_other_classes_unknown()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, "image_id,Effusion,Atelectasis,Mass\na.png,1,0,1\n");
        LabelTable table = LabelFile.Read(path, new LabelReadOptions { Classes = LabelClassChoice.Parse("chexpert5") });
        Assert.Same(ClassSet.CheXpertCompetition, table.Classes);
        Assert.Equal(["Mass"], table.Ignored);
        Assert.Equal(
            [LabelValue.Negative, LabelValue.Unknown, LabelValue.Unknown, LabelValue.Unknown, LabelValue.Positive],
            table.Rows[0].Labels);
    }

    [Theory]
    [InlineData("auto", LabelClassMode.Auto, null)]
    [InlineData("chexpert", LabelClassMode.Set, "chexpert")]
    [InlineData("XRV18", LabelClassMode.Set, "xrv18")]
    [InlineData("Effusion, Mass", LabelClassMode.Set, "custom")]
    public void Classes_option_parses_auto_a_known_set_or_names(string text, LabelClassMode mode, string? id)
    {
        LabelClassChoice choice = LabelClassChoice.Parse(text);
        Assert.Equal(mode, choice.Mode);
        Assert.Equal(id, choice.Set?.Id);
    }

    [Fact]
    public void Classes_option_naming_one_finding_twice_is_a_one_line_error() =>
        Assert.Equal(
            "--classes \"Effusion,Pleural Effusion\": classes 'Effusion' and 'Pleural Effusion' are the same finding",
            Assert.Throws<ChestDxException>(() => LabelClassChoice.Parse("Effusion,Pleural Effusion")).Message);
}
