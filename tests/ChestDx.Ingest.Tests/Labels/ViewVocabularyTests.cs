using ChestDx.Core.Labels;
using ChestDx.Core.Progress;

namespace ChestDx.Ingest.Tests.Labels;

/// <summary>
/// A labels file's view column reaches the manifest only as a PS3.3 View Position term; other text is blanked.
/// </summary>
public class ViewVocabularyTests
{
    [Fact]
    public void Views_are_mapped_to_defined_terms_and_free_text_is_blanked_with_a_note_that_names_no_value()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllLines(path,
        [
            "image_id,patient_id,view,Effusion",
            "a.png,P1, pa ,1", "b.png,P2,SMITH JOHN,0", "c.png,P3,,0", "d.png,P4,Rld,1",
        ]);
        LabelTable table = LabelFile.Read(path, progress: NullProgressSink.Instance);

        Assert.Equal(new[] { "PA", "", "", "RLD" }, table.Rows.Select(r => r.View ?? "").ToArray());
        Assert.Equal([Demographics.ViewNote], table.Rows[1].Notes);
        Assert.Empty(table.Rows[0].Notes);
        Assert.Empty(table.Rows[2].Notes);
        Assert.DoesNotContain(table.Rows.SelectMany(r => r.Notes),
            n => n.Contains("SMITH", StringComparison.OrdinalIgnoreCase));
    }
}
