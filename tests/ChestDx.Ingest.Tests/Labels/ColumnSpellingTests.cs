using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;

namespace ChestDx.Ingest.Tests.Labels;

/// <summary>
/// Issue 11 items 2 and 7: labels headers match in any case and common spelling; a header-only file is an error.
/// </summary>
public class ColumnSpellingTests
{
    [Theory]
    [InlineData("patient_id")]
    [InlineData("PatientID")]
    [InlineData("Patient ID")]
    [InlineData("patient")]
    [InlineData("subject_id")]
    [InlineData("PATIENT_ID")]
    [InlineData("Subject ID")]
    public void Each_usual_spelling_of_the_patient_column_fills_the_patient_id(string column)
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, $"image_id,{column},Effusion\na.png,P1,1\nb.png,P1,0\nc.png,P2,\n");
        LabelTable table = LabelFile.Read(path, progress: NullProgressSink.Instance);
        Assert.Equal(column, table.PatientColumn);
        Assert.Equal(["P1", "P1", "P2"], table.Rows.Select(r => r.PatientId));
        Assert.Empty(table.Ignored); // the patient column is not reported as an ignored class column
    }

    [Fact]
    public void Without_a_patient_column_the_table_says_so_and_rows_have_no_patient()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, "image_id,PatientName,Effusion\na.png,DOE^JOHN,1\n");
        LabelTable table = LabelFile.Read(path, progress: NullProgressSink.Instance);
        Assert.False(table.HasPatientColumn);
        Assert.Null(table.Rows[0].PatientId);
        Assert.Contains("PatientName", table.Ignored); // not a patient id spelling: reported, never guessed
    }

    [Theory]
    [InlineData("image_id")]
    [InlineData("IMAGE_ID")]
    [InlineData("Image Index")]
    [InlineData("ImageID")]
    public void The_image_id_column_matches_in_any_case_and_spelling(string column)
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, $"{column},PATIENT ID,VIEW,Sex,AGE,effusion\na.png,P1,pa,F,50,1\n");
        LabelTable table = LabelFile.Read(path, progress: NullProgressSink.Instance);
        LabelRow row = Assert.Single(table.Rows);
        Assert.Null(row.Error);
        Assert.Equal("a.png", row.ImageId);
        Assert.Equal("P1", row.PatientId);
        Assert.Equal("PA", row.View);
        Assert.Equal("F", row.Sex);
        Assert.Equal(50, row.Age);
        Assert.Equal(LabelValue.Positive, row.Labels[ClassSet.ChestXray14.IndexOf("Effusion")]);
    }

    [Fact]
    public void Nih_Data_Entry_headers_match_in_any_case()
    {
        using var dir = new TempDir();
        string path = dir.Sub("de.csv");
        File.WriteAllText(path,
            "IMAGE INDEX,finding labels,Follow-up #,patient id,PATIENT AGE,Patient Gender,view position\n" +
            "00000001_000.png,Cardiomegaly,0,1,58,M,PA\n");
        LabelTable table = LabelFile.Read(path, progress: NullProgressSink.Instance);
        Assert.Equal(LabelFileFormat.NihDataEntry, table.Format);
        Assert.Equal("1", table.Rows[0].PatientId);
        Assert.Equal(LabelValue.Positive, table.Rows[0].Labels[ClassSet.ChestXray14.IndexOf("Cardiomegaly")]);
    }

    [Fact]
    public void Two_columns_that_both_name_the_patient_are_refused()
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, "image_id,patient_id,subject_id,Effusion\na.png,P1,S1,1\n");
        var e = Assert.Throws<ChestDxException>(() => LabelFile.Read(path, progress: NullProgressSink.Instance));
        Assert.Equal($"{path}: columns 'patient_id' and 'subject_id' both name the patient_id column", e.Message);
    }

    [Theory]
    [InlineData("image_id,patient_id,Effusion\n")]
    [InlineData("image_id,patient_id,Effusion\n\n")]
    [InlineData("Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position\n")]
    public void A_header_only_labels_file_is_no_labelled_images(string text)
    {
        using var dir = new TempDir();
        string path = dir.Sub("labels.csv");
        File.WriteAllText(path, text);
        var e = Assert.Throws<ChestDxException>(() => LabelFile.Read(path, progress: NullProgressSink.Instance));
        Assert.Equal($"{path}: no labelled images: the file has a header and no rows", e.Message);
    }
}
