using ChestDx.Core;
using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;

namespace ChestDx.Phantoms.Tests;

public class PhantomOptionsTests
{
    [Fact]
    public void Findings_all_and_none_and_lists_parse()
    {
        Assert.Equal(FindingPrevalence.Defaults, FindingPrevalence.Parse("all"));
        Assert.Empty(FindingPrevalence.Parse(" None "));
        Assert.Equal(
            [new FindingPrevalence(FindingKind.Effusion, 0.3),
                new FindingPrevalence(FindingKind.Nodule, FindingCatalog.Get(FindingKind.Nodule).DefaultPrevalence)],
            FindingPrevalence.Parse("nodule, Effusion=0.3"));
    }

    [Theory]
    [InlineData("Pneumonia", "'Pneumonia' cannot be planted")]
    [InlineData("Nodule=1.5", "between 0 and 1")]
    [InlineData("Nodule=x", "between 0 and 1")]
    [InlineData("Nodule,nodule", "listed twice")]
    [InlineData(",", "empty list")]
    public void Bad_finding_lists_are_one_line_errors(string spec, string expected)
    {
        var e = Assert.Throws<ChestDxException>(() => FindingPrevalence.Parse(spec));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("--findings: ", e.Message);
    }

    [Theory]
    [InlineData(0, 64, 8, 1, "--count")]
    [InlineData(10, 16, 8, 1, "--size")]
    [InlineData(10, 4096, 8, 1, "--size")]
    [InlineData(10, 64, 12, 1, "--bits")]
    [InlineData(10, 64, 8, 0, "--images-per-patient")]
    public void Bad_settings_are_one_line_errors_naming_the_option(int count, int size, int bits, int perPatient,
        string option)
    {
        var options = new PhantomOptions
        {
            OutputDirectory = "x", Count = count, Size = size, Bits = bits, ImagesPerPatient = perPatient,
        };
        var e = Assert.Throws<ChestDxException>(options.Validate);
        Assert.StartsWith(option + ":", e.Message);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new PhantomOptions { OutputDirectory = "x", Count = 1 };
        Assert.Equal((256, 1UL, 8, 1), (options.Size, options.Seed, options.Bits, options.ImagesPerPatient));
        Assert.Equal(FindingPrevalence.Defaults, options.Findings);
        options.Validate();
    }
}
