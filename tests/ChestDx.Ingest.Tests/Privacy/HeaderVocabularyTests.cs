using ChestDx.Dicom.Attributes;
using ChestDx.Imaging.Readers;

namespace ChestDx.Ingest.Tests.Privacy;

public class HeaderVocabularyTests
{
    [Theory]
    [InlineData(ChestView.PA, "PA", "PA")]
    [InlineData(ChestView.AP, "AP", "AP")]
    [InlineData(ChestView.LeftLateral, "LL", "LL")]
    [InlineData(ChestView.RightLateral, "RL", "RL")]
    [InlineData(ChestView.Lateral, "LATERAL", "LATERAL")]
    [InlineData(ChestView.Other, "rld ", "RLD")]   // PS3.3 C.8.11.5.1.1 decubitus and oblique terms are kept
    [InlineData(ChestView.Other, "LLO", "LLO")]
    public void Defined_view_terms_are_kept(ChestView view, string raw, string expected)
    {
        Assert.Equal(expected,
            HeaderVocabulary.View(new ResolvedView(view, ViewSource.ViewPosition, raw), out string? note));
        Assert.Null(note);
    }

    [Fact]
    public void Free_text_view_is_blank_with_a_note_that_names_no_value()
    {
        Assert.Null(HeaderVocabulary.View(
            new ResolvedView(ChestView.Other, ViewSource.ViewPosition, "SMITH JOHN"), out string? note));
        Assert.Equal(HeaderVocabulary.ViewNote, note);
        Assert.DoesNotContain("SMITH", note);
        Assert.Null(HeaderVocabulary.View(new ResolvedView(ChestView.Unknown, ViewSource.None, null), out note));
        Assert.Null(note); // absent is not worth a note
    }

    [Theory]
    [InlineData("GE MEDICAL SYSTEMS", "GE")]
    [InlineData("GE Healthcare", "GE")]
    [InlineData("General Electric", "GE")]
    [InlineData("SIEMENS", "Siemens")]
    [InlineData("Philips Medical Systems", "Philips")]
    [InlineData("FUJIFILM Corporation", "Fujifilm")]
    [InlineData("KONICA MINOLTA", "Konica Minolta")]
    [InlineData("Carestream Health", "Carestream")]
    public void Known_vendors_map_to_one_name(string header, string vendor)
    {
        Assert.Equal(vendor, HeaderVocabulary.Manufacturer(header, out string? note));
        Assert.Null(note);
    }

    [Theory]
    [InlineData("GEORGE SMITH")]        // starts with "GE" but is not the word GE
    [InlineData("St Elsewhere Radiology")]
    [InlineData("General Hospital")]
    public void Other_manufacturer_text_is_blank_with_a_note(string header)
    {
        Assert.Null(HeaderVocabulary.Manufacturer(header, out string? note));
        Assert.Equal(HeaderVocabulary.ManufacturerNote, note);
    }

    [Fact]
    public void Photometric_interpretation_outside_the_defined_terms_becomes_OTHER()
    {
        Assert.Equal("MONOCHROME1", HeaderVocabulary.Colour("MONOCHROME1 ", out string? note));
        Assert.Null(note);
        Assert.Equal("OTHER", HeaderVocabulary.Colour("SMITH JOHN", out note));
        Assert.Equal(HeaderVocabulary.ColourNote, note);
    }
}
