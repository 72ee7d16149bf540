using System.Globalization;
using System.Net;
using System.Text;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// A minimal unit-square chart written as inline SVG: axes with ticks at 0, 0.2, …, 1, polylines, a shaded band,
/// labelled markers. Hand-written rather than rendered by a plotting library so the report is a few kilobytes of text,
/// identical on every machine, needs no native graphics library or installed fonts on an air-gapped server (the
/// browser draws the text), and can be checked element by element. Every element carries a class for CSS and tests.
/// </summary>
public sealed class SvgChart
{
    private const double Width = 300, Height = 260, Left = 44, Right = 10, Top = 24, Bottom = 38;
    private readonly StringBuilder _body = new();
    private readonly string _kind;
    private readonly string _title;

    public SvgChart(string kind, string title, string xLabel, string yLabel)
    {
        _kind = kind;
        _title = title;
        Axes(xLabel, yLabel);
    }

    private static double Px(double x) => Left + x * (Width - Left - Right);
    private static double Py(double y) => Height - Bottom - y * (Height - Top - Bottom);
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private void Axes(string xLabel, string yLabel)
    {
        _body.Append($"<rect class=\"frame\" x=\"{F(Px(0))}\" y=\"{F(Py(1))}\" width=\""
            + $"{F(Px(1) - Px(0))}\" height=\"{F(Py(0) - Py(1))}\" fill=\"none\" stroke=\"#888\"/>");
        for (int i = 0; i <= 5; i++)
        {
            double t = i / 5.0;
            string label = t.ToString("0.0", CultureInfo.InvariantCulture);
            _body.Append($"<line class=\"grid\" x1=\"{F(Px(t))}\" y1=\"{F(Py(0))}\" x2=\""
                + $"{F(Px(t))}\" y2=\"{F(Py(1))}\" stroke=\"#eee\"/>");
            _body.Append($"<line class=\"grid\" x1=\"{F(Px(0))}\" y1=\"{F(Py(t))}\" x2=\""
                + $"{F(Px(1))}\" y2=\"{F(Py(t))}\" stroke=\"#eee\"/>");
            _body.Append($"<text class=\"tick\" x=\"{F(Px(t))}\" y=\""
                + $"{F(Py(0) + 14)}\" text-anchor=\"middle\" font-size=\"10\">{label}</text>");
            _body.Append($"<text class=\"tick\" x=\"{F(Px(0) - 5)}\" y=\""
                + $"{F(Py(t) + 3)}\" text-anchor=\"end\" font-size=\"10\">{label}</text>");
        }
        _body.Append($"<text class=\"axis-label\" x=\"{F((Px(0) + Px(1)) / 2)}\" y=\""
            + $"{F(Height - 6)}\" text-anchor=\"middle\" font-size=\"11\">{Esc(xLabel)}</text>");
        _body.Append($"<text class=\"axis-label\" transform=\"translate(11 {F((Py(0) + Py(1)) / 2)}"
            + $") rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">{Esc(yLabel)}</text>");
        _body.Append($"<text class=\"title\" x=\""
            + $"{F((Px(0) + Px(1)) / 2)}\" y=\"15\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">"
            + $"{Esc(_title)}</text>");
    }

    /// <summary>
    /// A polyline through (x, y) in unit coordinates; vertices closer than 0.2 px to the last drawn one are skipped.
    /// </summary>
    public SvgChart Line(
        IEnumerable<(double X, double Y)> points, string cssClass, string color, double width = 1.8,
        string? dash = null)
    {
        var sb = new StringBuilder();
        double lx = double.NaN, ly = double.NaN;
        foreach (var (x, y) in points)
        {
            double px = Px(Clamp(x)), py = Py(Clamp(y));
            if (Math.Abs(px - lx) < 0.2 && Math.Abs(py - ly) < 0.2) continue;
            sb.Append(sb.Length == 0 ? "M" : "L").Append(F(px)).Append(' ').Append(F(py));
            lx = px;
            ly = py;
        }
        if (sb.Length == 0) return this;
        string dashAttr = dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
        _body.Append($"<path class=\"{cssClass}\" d=\"{sb}\" fill=\"none\" stroke=\"{color}\" stroke-width=\""
            + $"{F(width)}\"{dashAttr}/>");
        return this;
    }

    /// <summary>
    /// A shaded band between <paramref name="low"/> and <paramref name="high"/> over <paramref name="x"/>.
    /// </summary>
    public SvgChart Band(
        IReadOnlyList<double> x, IReadOnlyList<double> low, IReadOnlyList<double> high, string cssClass, string color)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < x.Count; i++)
            if (double.IsFinite(high[i]))
                sb.Append(sb.Length == 0 ? "M" : "L").Append(F(Px(x[i]))).Append(' ').Append(F(Py(Clamp(high[i]))));
        for (int i = x.Count - 1; i >= 0; i--)
            if (double.IsFinite(low[i])) sb.Append('L').Append(F(Px(x[i]))).Append(' ').Append(F(Py(Clamp(low[i]))));
        if (sb.Length > 0)
            _body.Append($"<path class=\"{cssClass}\" d=\"{sb}Z\" fill=\""
                + $"{color}\" fill-opacity=\"0.25\" stroke=\"none\"/>");
        return this;
    }

    /// <summary>A marker with a tooltip and a short label beside it.</summary>
    public SvgChart Marker(
        double x, double y, string cssClass, string color, string label, string tooltip, bool square = false)
    {
        double px = Px(Clamp(x)), py = Py(Clamp(y));
        _body.Append($"<g class=\"{cssClass}\"><title>{Esc(tooltip)}</title>");
        _body.Append(square
            ? $"<rect x=\"{F(px - 4)}\" y=\"{F(py - 4)}\" width=\"8\" height=\"8\" fill=\""
              + $"{color}\" stroke=\"#000\" stroke-width=\"0.6\"/>"
            : $"<circle cx=\"{F(px)}\" cy=\"{F(py)}\" r=\"4\" fill=\"{color}\" stroke=\"#000\" stroke-width=\"0.6\"/>");
        if (label.Length > 0)
            _body.Append($"<text x=\"{F(px + 6)}\" y=\"{F(py + 12)}\" font-size=\"9\">{Esc(label)}</text>");
        _body.Append("</g>");
        return this;
    }

    /// <summary>A text line in the lower right corner (e.g. "AUROC 0.842").</summary>
    public SvgChart Note(string text, int line = 0)
    {
        _body.Append($"<text class=\"note\" x=\"{F(Px(1) - 4)}\" y=\""
            + $"{F(Py(0) - 6 - 12 * line)}\" text-anchor=\"end\" font-size=\"10\">{Esc(text)}</text>");
        return this;
    }

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-plot=\"{_kind}\" width=\""
        + $"{F(Width)}\" height=\"{F(Height)}\" "
        + $"viewBox=\"0 0 {F(Width)} {F(Height)}\" font-family=\"sans-serif\" role=\"img\" aria-label=\""
        + $"{Esc(_title)}\">{_body}</svg>";

    private static double Clamp(double v) => Math.Clamp(v, 0, 1);
}
