using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChestDx.Core;
using ChestDx.Imaging.Overlays;

namespace ChestDx.Onnx.Tests.Overlays;

/// <summary>Overlay file names: &lt;id&gt;_&lt;class&gt;.png, file-safe, and never two ids on one name.</summary>
public sealed partial class CamFileNameTests
{
    private static string Hash8(string id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..8];

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();

    [Theory]
    [InlineData("00001369_000.png", "Emphysema", "00001369_000_Emphysema.png")]
    [InlineData("00001369_000.png", "Pleural_Thickening", "00001369_000_Pleural_Thickening.png")]
    [InlineData("scan.DCM", "Enlarged Cardiomediastinum", "scan_Enlarged_Cardiomediastinum.png")]
    [InlineData("1a2b3c4d5e6f7a8b", "Lung Opacity", "1a2b3c4d5e6f7a8b_Lung_Opacity.png")]
    public void Plain_ids_lose_only_their_image_extension(string id, string className, string expected) =>
        Assert.Equal(expected, new CamFileNames().Claim(id, className));

    [Theory]
    [InlineData("study1/view2.dcm", "study1_view2")]
    [InlineData("../../etc/passwd", "_.._.._etc_passwd")]
    [InlineData("Pemberton, Eustacia <MRN 42>&\"'.png", "Pemberton__Eustacia__MRN_42____")]
    [InlineData("röntgen.png", "r_ntgen")]
    [InlineData(".hidden.png", "_.hidden")]
    public void Ids_with_folders_or_odd_characters_get_a_safe_stem_and_a_hash_of_the_id(string id, string stem)
    {
        string name = new CamFileNames().Claim(id, "Mass");
        Assert.Equal($"{stem}-{Hash8(id)}_Mass.png", name);
        Assert.Matches(SafeName(), name);
    }

    [Fact]
    public void Ids_that_would_share_a_name_get_different_names()
    {
        var names = new CamFileNames();
        string[] ids = ["a/b.png", "a_b.png", "a.png", "a.dcm", "A.png", "x/a.png", "x_a.png"];
        string[] files = ids.Select(id => names.Claim(id, "Mass")).ToArray();
        Assert.Equal(files.Length, files.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("a_b_Mass.png", files[1]);
        Assert.Equal("a_Mass.png", files[2]);
        Assert.Equal($"a-{Hash8("a.dcm")}_Mass.png", files[3]);
        // One id keeps its name across classes.
        Assert.Equal($"a-{Hash8("a.dcm")}_Effusion.png", names.Claim("a.dcm", "Effusion"));
    }

    [Fact]
    public void A_long_id_is_cut_below_the_file_name_limit()
    {
        string id = new string('x', 400) + ".png";
        string name = new CamFileNames().Claim(id, "Mass");
        Assert.Equal($"{new string('x', CamFileNames.MaxStemLength)}-{Hash8(id)}_Mass.png", name);
    }

    [Fact]
    public void Class_names_that_collide_once_made_safe_are_an_error_not_an_overwrite()
    {
        var names = new CamFileNames();
        names.Claim("a.png", "Lung Opacity");
        Assert.Throws<ChestDxException>(() => names.Claim("a.png", "Lung_Opacity"));
    }
}
