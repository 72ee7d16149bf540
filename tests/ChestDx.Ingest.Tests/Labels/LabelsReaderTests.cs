using ChestDx.Core;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Labels;

namespace ChestDx.Ingest.Tests.Labels;

public class LabelsReaderTests
{
    [Fact]
    public void Full_v2020_Data_Entry_reproduces_the_published_label_counts()
    {
        LabelTable table = LabelsReader.Read(TestData.DataEntryV2020, NullProgressSink.Instance);
        Assert.Equal(LabelTable.NihFormat, table.Format);
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
            Assert.Equal(count, table.Rows.Count(r => r.Labels[ChexNetClasses.IndexOf(cls)] == 1f));
        Assert.Equal(60_361, table.Rows.Count(r => r.Labels.All(v => v == 0f)));
        Assert.Equal(67_310, table.Rows.Count(r => r.View == "PA"));
        Assert.Equal(63_340, table.Rows.Count(r => r.Sex == "M"));
        Assert.Equal(0, table.AgesBlanked);
    }

    [Fact]
    public void Sample_labels_match_the_finding_strings()
    {
        LabelTable table = LabelsReader.Read(TestData.SampleLabels, NullProgressSink.Instance);
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
            for (int c = 0; c < ChexNetClasses.Count; c++)
                Assert.Equal(findings.Contains(ChexNetClasses.Names[c]) ? 1f : 0f, row.Labels[c]);
        }
    }

    [Fact]
    public void The_2017_layout_keeps_rows_with_impossible_ages_but_blanks_and_records_the_age()
    {
        LabelTable table = LabelsReader.Read(TestData.Broken("Data_Entry_2017_style.csv"), NullProgressSink.Instance);
        Assert.Equal(12, table.Rows.Count);
        LabelRow bogus = table.Rows.Single(r => r.ImageId == "00000493_000.png");
        Assert.Null(bogus.Age);
        Assert.Null(bogus.Error);
        Assert.Contains("age 414 over 120 blanked", bogus.Notes);
        Assert.Equal(1f, bogus.Labels[ChexNetClasses.IndexOf("Pneumothorax")]);
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
        LabelTable table = LabelsReader.Read(path, progress);
        Assert.Equal(LabelTable.GenericFormat, table.Format);
        Assert.Equal(["Lung Opacity"], table.Ignored);
        Assert.Contains(progress.Warnings, w => w.Contains("Lung Opacity"));

        float Label(int row, string cls) => table.Rows[row].Labels[ChexNetClasses.IndexOf(cls)];
        Assert.Equal(1f, Label(0, "Effusion"));
        Assert.Equal(0f, Label(0, "Infiltration"));
        Assert.True(float.IsNaN(Label(0, "Cardiomegaly")));  // CheXpert's −1 (uncertain)
        Assert.True(float.IsNaN(Label(0, "Consolidation"))); // no column: unknown, never negative
        Assert.True(float.IsNaN(Label(1, "Infiltration")));  // blank
        Assert.Equal("M", table.Rows[1].Sex);
        Assert.Equal("labels.csv line 4: value 'yes' for Pleural Effusion is not 1, 0 or blank", table.Rows[2].Error);
    }

    [Fact]
    public void A_csv_without_the_expected_columns_is_a_one_line_error()
    {
        using var dir = new TempDir();
        string path = dir.Sub("bad.csv");
        File.WriteAllText(path, "file,finding\nx.png,Mass\n");
        var e = Assert.Throws<ChestDxException>(() => LabelsReader.Read(path, NullProgressSink.Instance));
        Assert.StartsWith($"{path}: expected a 'image_id' column", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Two_columns_for_one_class_are_refused()
    {
        using var dir = new TempDir();
        string path = dir.Sub("dup.csv");
        File.WriteAllText(path, "image_id,Effusion,Pleural Effusion\nx.png,1,1\n");
        var e = Assert.Throws<ChestDxException>(() => LabelsReader.Read(path, NullProgressSink.Instance));
        Assert.Contains("both mean Effusion", e.Message);
    }

    [Theory]
    [InlineData("Infiltrate", LabelMeaning.Class, "Infiltration")]
    [InlineData("pleural_thickening", LabelMeaning.Class, "Pleural_Thickening")]
    [InlineData("Pleural Thickening", LabelMeaning.Class, "Pleural_Thickening")]
    [InlineData("Pleural Effusion", LabelMeaning.Class, "Effusion")]
    [InlineData("No Finding", LabelMeaning.NoFinding, null)]
    [InlineData("Lung Opacity", LabelMeaning.OtherFinding, null)]
    [InlineData("Enlarged Cardiomediastinum", LabelMeaning.OtherFinding, null)]
    [InlineData("Pneumonitis", LabelMeaning.Unknown, null)]
    public void Vocabulary_maps_only_the_same_finding(string name, LabelMeaning meaning, string? cls)
    {
        LabelMapping m = LabelVocabulary.Map(name);
        Assert.Equal(meaning, m.Meaning);
        Assert.Equal(cls is null ? -1 : ChexNetClasses.IndexOf(cls), m.ClassIndex);
    }
}
