using System.Globalization;
using System.Net;
using System.Text;
using ChestDx.Core.IO;

namespace ChestDx.Imaging.Overlays;

/// <summary>One overlay of an image: the class, the model's probability and the file (relative to the page).</summary>
public sealed record CamFinding(string ClassName, double Probability, string FileName);

/// <summary>An image's overlays, highest probability first.</summary>
public sealed record CamImage(string ImageId, IReadOnlyList<CamFinding> Findings);

/// <summary>
/// <c>index.html</c> in the overlays' folder: one row per image, its top findings side by side, highest probability
/// first. Self-contained (inline style, no script, links relative to the page, so the folder can be moved or
/// zipped); every string from the data is HTML-escaped and every link percent-encoded; written atomically.
/// </summary>
public static class CamIndexPage
{
    public const string FileName = "index.html";

    public static void Write(string directory, IReadOnlyList<CamImage> images)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>Class activation maps</title>\n<style>\n")
            .Append("body{font-family:sans-serif;margin:1em;background:#fff;color:#111}\n")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:6px;vertical-align:top}\n")
            .Append("th{text-align:left;font-family:monospace;word-break:break-all;max-width:16em}\n")
            .Append("figure{margin:0}figcaption{font-size:90%}img{display:block}\n")
            .Append("</style>\n</head>\n<body>\n<h1>Class activation maps</h1>\n<p>")
            .Append(images.Count).Append(" image(s). Each row shows one image's top findings, highest probability ")
            .Append("first. The colour over the radiograph is the class activation map (Zhou et al., CVPR 2016) ")
            .Append("scaled to [0, 1] within each image (the bar beside it: blue 0, red 1); it shows where the ")
            .Append("network's evidence for the class lies, not a diagnosis. Probabilities are the network's ")
            .Append("outputs before any calibration or operating-point scaling.</p>\n<table>\n")
            .Append("<tr><th>image</th><th colspan=\"")
            .Append(Math.Max(1, images.Count == 0 ? 1 : images.Max(i => i.Findings.Count)))
            .Append("\">top findings</th></tr>\n");
        foreach (CamImage image in images)
        {
            html.Append("<tr class=\"image\"><th>").Append(E(image.ImageId)).Append("</th>");
            foreach (CamFinding f in image.Findings)
            {
                string href = E(Uri.EscapeDataString(f.FileName));
                string p = f.Probability.ToString("0.000", CultureInfo.InvariantCulture);
                html.Append("<td><figure><a href=\"").Append(href).Append("\"><img src=\"").Append(href)
                    .Append("\" alt=\"").Append(E(f.ClassName)).Append(", p = ").Append(p).Append("\"></a>")
                    .Append("<figcaption>").Append(E(f.ClassName)).Append(" · p = ").Append(p)
                    .Append("</figcaption></figure></td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n</body>\n</html>\n");
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), html.ToString());
    }

    /// <summary>HTML-escapes text and attribute values (&amp;, &lt;, &gt;, both quotes).</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
