using ChestDx.Core;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Tests.Subgroups;

/// <summary>Where subgroup metadata comes from: a subgroup file in ChestDx's spelling, NIH's Data_Entry as it is,
/// and what an unreadable cell or a duplicate id does.</summary>
public sealed class SubgroupMetadataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-subgroup-meta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Nih_data_entry_serves_as_a_subgroup_file_with_patient_sex_age_and_view()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "nih", "Data_Entry_2017_v2020.csv.gz");
        SubgroupMetadata m = SubgroupMetadata.Load(null, path);
        Assert.Equal(112_120, m.Images.Count);
        Assert.Equal(new ImageMetadata("1", "M", 57, "PA", null), m.Images["00000001_000.png"]);
        // Counts of the file's Patient Gender and View Position columns (zcat | awk | uniq -c).
        Assert.Equal(48_780, m.Images.Values.Count(x => x.Sex == "F"));
        Assert.Equal(44_810, m.Images.Values.Count(x => x.View == "AP"));
        Assert.True(m.Has(SubgroupAttribute.Age) && m.Has(SubgroupAttribute.View) && m.HasPatients);
        Assert.False(m.Has(SubgroupAttribute.Site));
        Assert.Empty(m.Problems);
    }

    [Fact]
    public void An_unreadable_cell_becomes_unknown_and_is_reported_while_the_rest_is_read()
    {
        string path = Path.Combine(_dir, "meta.csv");
        File.WriteAllText(path, "image_id,patient_id,sex,age,site\na,p1,F,34,X\nb,p1,female?,abc,X\nc,p2,M,81,Y\n");
        SubgroupMetadata m = SubgroupMetadata.Load(null, path);
        Assert.Equal(new ImageMetadata("p1", null, null, null, "X"), m.Images["b"]);
        Assert.Equal("80+", m.Images["c"].GroupOf(SubgroupAttribute.Age));
        Assert.Equal(2, m.Problems.Count);
        Assert.Contains("line 3: sex 'female?' is not M, F or O (unknown)", m.Problems[0]);
        Assert.Contains("line 3: age 'abc' is not an age (unknown)", m.Problems[1]);
    }

    [Fact]
    public void A_duplicate_image_id_is_an_error_naming_the_file_and_line()
    {
        string path = Path.Combine(_dir, "dup.csv");
        File.WriteAllText(path, "image_id,sex\na,F\na,M\n");
        var e = Assert.Throws<ChestDxException>(() => SubgroupMetadata.Load(null, path));
        Assert.Contains("dup.csv", e.Message);
        Assert.Contains("line 3: image id 'a' appears twice", e.Message);
    }

    [Fact]
    public void An_attribute_no_source_has_is_an_error_naming_the_source()
    {
        string path = Path.Combine(_dir, "nosite.csv");
        File.WriteAllText(path, "image_id,sex\nimg0000,F\n");
        var evaluation = SubgroupCase.Evaluate(_dir, resamples: 0);
        var e = Assert.Throws<ChestDxException>(() => SubgroupAnalysis.Run(evaluation,
            SubgroupMetadata.Load(null, path), new SubgroupOptions { Attributes = [SubgroupAttribute.Site] }));
        Assert.Equal($"--subgroups site: the subgroup file {path} has no site column", e.Message);
    }

    [Theory]
    [InlineData(0, "0-20")]
    [InlineData(19, "0-20")]
    [InlineData(20, "20-40")]
    [InlineData(59, "40-60")]
    [InlineData(60, "60-80")]
    [InlineData(80, "80+")]
    [InlineData(120, "80+")]
    public void Age_bands_have_inclusive_lower_bounds(int age, string band) => Assert.Equal(band, AgeBands.Of(age));
}
