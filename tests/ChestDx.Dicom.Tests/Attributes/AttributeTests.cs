using ChestDx.Dicom.Attributes;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Tests.Attributes;

public sealed class AttributeTests
{
    [Fact]
    public void Reads_the_typed_attributes_of_a_dx_fixture()
    {
        DicomImageAttributes a = DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm")).GetAttributes();
        Assert.Equal(SopClasses.DigitalXRayForPresentation, a.SopClassUid);
        Assert.False(a.IsForProcessing);
        Assert.Equal("DX", a.Modality);
        Assert.Equal("CHEST", a.BodyPartExamined);
        Assert.Equal(new ResolvedView(ChestView.PA, ViewSource.ViewPosition, "PA"), a.View);
        Assert.Equal(new Spacing(0.139, 0.139), a.ImagerPixelSpacing);
        Assert.Equal(new Spacing(0.139, 0.139), a.PixelSpacing);
        Assert.Equal((64, 64, 16, 12, 11, 0),
            (a.Rows, a.Columns, a.BitsAllocated, a.BitsStored, a.HighBit, a.PixelRepresentation));
        Assert.Equal("MONOCHROME2", a.PhotometricInterpretation);
        Assert.Equal("IDENTITY", a.PresentationLutShape);
        Assert.Equal([new StoredWindow(2048, 4096, "FULL"), new StoredWindow(1500, 1000, "LUNG")], a.Windows);
        Assert.Equal("Explicit VR Little Endian", a.TransferSyntaxName);
    }

    [Fact]
    public void Identifiers_are_read_apart_and_never_printed()
    {
        DicomFile f = DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm"));
        DicomIdentifiers ids = f.GetIdentifiers();
        Assert.Equal("FX001", ids.PatientId);
        Assert.Equal("Fixture^Synthetic", ids.PatientName);
        Assert.Equal("2.25.2000000000000000000000000000001", ids.StudyInstanceUid);
        Assert.DoesNotContain("FX001", ids.ToString());
        Assert.DoesNotContain("Fixture", ids.ToString());
        Assert.DoesNotContain("FX001", f.GetAttributes().ToString());
        Assert.DoesNotContain("Fixture", f.GetAttributes().ToString());
        Assert.Equal(8, ids.All().Count);
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.1.1.1", null, true)]
    [InlineData("1.2.840.10008.5.1.4.1.1.1.1", "FOR PROCESSING", true)]
    [InlineData("1.2.840.10008.5.1.4.1.1.1.1", "FOR PRESENTATION", false)]
    [InlineData("1.2.840.10008.5.1.4.1.1.1", null, false)]
    public void Dx_for_processing_is_flagged(string sopClass, string? intent, bool forProcessing)
    {
        var b = new DatasetBuilder().Text(DicomTags.SopClassUid, "UI", sopClass);
        if (intent is not null) b.Text(DicomTags.PresentationIntentType, "CS", intent);
        Assert.Equal(forProcessing, b.Read().GetAttributes().IsForProcessing);
    }

    [Theory]
    [InlineData("AP", ChestView.AP, ViewSource.ViewPosition)]
    [InlineData("LL", ChestView.LeftLateral, ViewSource.ViewPosition)]
    [InlineData("LATERAL", ChestView.Lateral, ViewSource.ViewPosition)]
    [InlineData("RLD", ChestView.Other, ViewSource.ViewPosition)]
    public void View_position_values_are_normalised(string value, ChestView view, ViewSource source)
    {
        ResolvedView v = new DatasetBuilder().Text(DicomTags.ViewPosition, "CS", value).Read().GetAttributes().View;
        Assert.Equal((view, source), (v.View, v.Source));
    }

    [Theory]
    [InlineData("R-10214", "postero-anterior", ChestView.PA)]
    [InlineData("399348003", "Postero-anterior", ChestView.PA)]
    [InlineData("R-10206", "antero-posterior", ChestView.AP)]
    [InlineData("X", "left lateral", ChestView.LeftLateral)]
    public void Empty_view_position_falls_back_to_the_view_code_sequence(string code, string meaning, ChestView view)
    {
        DicomFile f = new DatasetBuilder()
            .Text(DicomTags.ViewPosition, "CS", "")
            .Text(DicomTags.SeriesDescription, "LO", "CHEST LAT")
            .Sequence(DicomTags.ViewCodeSequence,
                new DatasetBuilder().Text(DicomTags.CodeValue, "SH", code).Text(DicomTags.CodeMeaning, "LO", meaning))
            .Read();
        Assert.Equal((view, ViewSource.ViewCodeSequence), (f.GetAttributes().View.View, f.GetAttributes().View.Source));
    }

    [Theory]
    [InlineData("CHEST PA", ChestView.PA)]
    [InlineData("Chest AP portable", ChestView.AP)]
    [InlineData("CHEST LAT", ChestView.Lateral)]
    [InlineData("THORAX", ChestView.Unknown)]
    [InlineData("CAPACITY", ChestView.Unknown)]
    public void Series_description_is_the_last_resort(string description, ChestView view)
    {
        ResolvedView v =
            new DatasetBuilder().Text(DicomTags.SeriesDescription, "LO", description).Read().GetAttributes().View;
        Assert.Equal(view, v.View);
        Assert.Equal(view == ChestView.Unknown ? ViewSource.None : ViewSource.SeriesDescription, v.Source);
    }
}
