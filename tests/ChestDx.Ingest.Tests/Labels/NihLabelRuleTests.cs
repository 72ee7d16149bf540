using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;

namespace ChestDx.Ingest.Tests.Labels;

/// <summary>
/// The rules of data-manifests/LABEL_SCHEMA.md where ingestion and evaluation used to disagree, on the one reader both
/// now use (evaluation's side: ChestDx.Evaluation.Tests LabelReaderTests).
/// </summary>
public class NihLabelRuleTests
{
    private static LabelTable Read(string findingLabels)
    {
        using var dir = new TempDir();
        string path = dir.Sub("de.csv");
        File.WriteAllText(path, "Image Index,Finding Labels,Patient ID\n00000001_000.png," + findingLabels + ",1\n");
        return LabelFile.Read(path, progress: NullProgressSink.Instance);
    }

    private static sbyte Label(LabelTable t, string cls) => t.Rows[0].Labels[ClassSet.ChestXray14.IndexOf(cls)];

    [Fact]
    public void An_unknown_token_makes_the_unlisted_classes_unknown_never_negative_and_is_noted()
    {
        LabelTable t = Read("Cardiomegaly|Pneumonitis");
        LabelRow row = t.Rows[0];
        Assert.Null(row.Error);
        Assert.Equal(LabelValue.Positive, Label(t, "Cardiomegaly"));
        Assert.Equal(13, row.Labels.Count(v => v == LabelValue.Unknown));
        Assert.Contains("unknown finding 'Pneumonitis': unlisted classes unknown", row.Notes);
        Assert.Equal(["Pneumonitis"], t.Ignored);
        Assert.Contains("unknown token (Pneumonitis)", t.Description);
    }

    [Fact]
    public void A_known_finding_outside_the_14_is_ignored_and_the_other_classes_stay_negative()
    {
        LabelTable t = Read("Cardiomegaly|Lung Opacity");
        Assert.Equal(LabelValue.Positive, Label(t, "Cardiomegaly"));
        Assert.Equal(13, t.Rows[0].Labels.Count(v => v == LabelValue.Negative));
        Assert.Empty(t.Ignored);
    }

    [Fact]
    public void A_synonym_token_fills_its_class()
    {
        LabelTable t = Read("Infiltrate|Pleural Effusion");
        Assert.Equal(LabelValue.Positive, Label(t, "Infiltration"));
        Assert.Equal(LabelValue.Positive, Label(t, "Effusion"));
    }

    [Fact]
    public void No_finding_together_with_a_finding_makes_the_row_unusable()
    {
        LabelTable t = Read("No Finding|Mass");
        Assert.Equal("'No Finding' together with findings in 'No Finding|Mass'", t.Rows[0].LabelProblem);
        Assert.Equal("de.csv line 2: 'No Finding' together with findings in 'No Finding|Mass'", t.Rows[0].Error);
    }

    [Fact]
    public void An_empty_finding_list_makes_the_row_unusable_not_all_negative()
    {
        LabelTable t = Read("");
        Assert.Equal("empty Finding Labels (NIH writes 'No Finding')", t.Rows[0].LabelProblem);
    }

    [Fact]
    public void No_finding_alone_is_all_negative()
    {
        LabelTable t = Read("No Finding");
        Assert.Null(t.Rows[0].Error);
        Assert.All(t.Rows[0].Labels, v => Assert.Equal(LabelValue.Negative, v));
    }
}
