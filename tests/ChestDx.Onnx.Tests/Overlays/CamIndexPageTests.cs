using System.Text.RegularExpressions;
using ChestDx.Imaging.Overlays;

namespace ChestDx.Onnx.Tests.Overlays;

/// <summary>The overlays' index.html: every image, its top findings by probability, links that exist, escaped.
/// </summary>
public sealed partial class CamIndexPageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cam-index-").FullName;

    [GeneratedRegex("<tr class=\"image\"><th>(.*?)</th>(.*?)</tr>")]
    private static partial Regex Row();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<figcaption>(.*?) · p = ([0-9.]+)</figcaption>")]
    private static partial Regex Caption();

    [Fact]
    public void Index_lists_every_image_with_its_top_findings_in_probability_order_and_working_links()
    {
        string[] classes = ["Mass", "Effusion <b>", "Nodule", "Edema"];
        var set = new CamSet(_dir, classes, top: 3);
        var images = new (string Id, float[] P)[]
        {
            ("00001369_000.png", [0.1f, 0.9f, 0.5f, 0.3f]),
            ("study/<script>alert(1)</script>.png", [0.7f, 0.2f, 0.2f, 0.8f]),
        };
        var grey = new byte[16];
        var map = new float[16];
        foreach ((string id, float[] p) in images)
            foreach (int c in set.Top(p))
                set.Write(id, c, p[c], grey, map, 4);
        set.WriteIndex();

        string html = File.ReadAllText(Path.Combine(_dir, CamIndexPage.FileName));
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Equal(6, set.Files);
        MatchCollection rows = Row().Matches(html);
        Assert.Equal(2, rows.Count);
        Assert.Equal("00001369_000.png", rows[0].Groups[1].Value);
        Assert.Equal("study/&lt;script&gt;alert(1)&lt;/script&gt;.png", rows[1].Groups[1].Value);
        string[][] expected = [["Effusion &lt;b&gt;", "Nodule", "Edema"], ["Edema", "Mass", "Effusion &lt;b&gt;"]];
        for (int i = 0; i < 2; i++)
        {
            var captions = Caption().Matches(rows[i].Groups[2].Value);
            Assert.Equal(expected[i], captions.Select(m => m.Groups[1].Value));
            double[] p = captions.Select(m => double.Parse(m.Groups[2].Value)).ToArray();
            Assert.Equal(p.OrderByDescending(v => v), p);
            foreach (Match link in Href().Matches(rows[i].Groups[2].Value))
                Assert.True(File.Exists(Path.Combine(_dir, Uri.UnescapeDataString(link.Groups[1].Value))),
                    $"link {link.Groups[1].Value} points to no file");
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
