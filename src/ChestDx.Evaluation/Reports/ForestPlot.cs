using System.Globalization;
using System.Net;
using System.Text;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// A forest plot as inline SVG, hand-written like <see cref="SvgChart"/> (and for the same reasons): one row per
/// subgroup with its estimate as a square and its interval as a whisker, a dashed reference line (the whole
/// population's value, or zero for differences), and the row's label and numbers as text. A row without an estimate
/// (a subgroup too small to estimate) shows its reason instead of a mark. Every element carries a class for CSS and
/// tests.
/// </summary>
internal sealed class ForestPlot
{
    private const double LabelWidth = 150, PlotWidth = 260, TextWidth = 270, RowHeight = 18, Top = 30, Bottom = 34;
    private readonly List<(string Label, double? Value, double? Low, double? High, string Text, bool Header)> _rows =
        [];
    private readonly string _kind, _title, _xLabel;
    private readonly double? _reference;
    private readonly string _referenceLabel;

    public ForestPlot(string kind, string title, string xLabel, double? reference, string referenceLabel)
    {
        _kind = kind;
        _title = title;
        _xLabel = xLabel;
        _reference = reference;
        _referenceLabel = referenceLabel;
    }

    /// <summary>A row; <paramref name="text"/> is shown at the right (the numbers, or why there are none).</summary>
    public ForestPlot Row(string label, double? value, double? low, double? high, string text)
    {
        _rows.Add((label, value, low, high, text, false));
        return this;
    }

    /// <summary>A heading row (an attribute's name) without a mark.</summary>
    public ForestPlot Heading(string label)
    {
        _rows.Add((label, null, null, null, "", true));
        return this;
    }

    public override string ToString()
    {
        var numbers = _rows.SelectMany(r => new[] { r.Value, r.Low, r.High })
            .Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        if (_reference is { } reference) numbers.Add(reference);
        double lo = numbers.Count == 0 ? 0 : numbers.Min(), hi = numbers.Count == 0 ? 1 : numbers.Max();
        double pad = Math.Max((hi - lo) * 0.08, 0.01);
        (lo, hi) = (lo - pad, hi + pad);
        double x0 = LabelWidth, x1 = LabelWidth + PlotWidth;
        double Px(double v) => x0 + (v - lo) / (hi - lo) * PlotWidth;
        double height = Top + RowHeight * _rows.Count + Bottom, width = LabelWidth + PlotWidth + TextWidth;

        var body = new StringBuilder();
        body.Append($"<text class=\"title\" x=\"{F(width / 2)}\" y=\"16\" text-anchor=\"middle\" font-size=\"12\" "
            + $"font-weight=\"bold\">{Esc(_title)}</text>");
        double yAxis = Top + RowHeight * _rows.Count + 4;
        body.Append($"<line class=\"axis\" x1=\"{F(x0)}\" y1=\"{F(yAxis)}\" x2=\"{F(x1)}\" y2=\"{F(yAxis)}\" "
            + "stroke=\"#888\"/>");
        for (int i = 0; i <= 4; i++)
        {
            double v = lo + (hi - lo) * i / 4;
            body.Append($"<line class=\"grid\" x1=\"{F(Px(v))}\" y1=\"{F(Top)}\" x2=\"{F(Px(v))}\" y2=\"{F(yAxis)}\" "
                + "stroke=\"#eee\"/>");
            body.Append($"<text class=\"tick\" x=\"{F(Px(v))}\" y=\"{F(yAxis + 13)}\" text-anchor=\"middle\" "
                + $"font-size=\"10\">{v.ToString("0.00", CultureInfo.InvariantCulture)}</text>");
        }
        body.Append($"<text class=\"axis-label\" x=\"{F((x0 + x1) / 2)}\" y=\"{F(height - 4)}\" text-anchor=\"middle\" "
            + $"font-size=\"11\">{Esc(_xLabel)}</text>");
        if (_reference is { } r)
            body.Append($"<line class=\"forest-reference\" x1=\"{F(Px(r))}\" y1=\"{F(Top - 4)}\" x2=\"{F(Px(r))}\" "
                + $"y2=\"{F(yAxis)}\" stroke=\"#999\" stroke-dasharray=\"4 3\">"
                + $"<title>{Esc(_referenceLabel)}</title></line>");
        for (int i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            double y = Top + RowHeight * i + RowHeight / 2;
            string weight = row.Header ? " font-weight=\"bold\"" : "";
            body.Append($"<g class=\"forest-row\" data-label=\"{Esc(row.Label)}\">");
            body.Append($"<text x=\"{F(row.Header ? 4 : 14)}\" y=\"{F(y + 4)}\" font-size=\"11\"{weight}>"
                + $"{Esc(row.Label)}</text>");
            if (row.Value is { } v && double.IsFinite(v))
            {
                if (row.Low is { } l && row.High is { } h && double.IsFinite(l) && double.IsFinite(h))
                    body.Append($"<line class=\"forest-ci\" x1=\"{F(Px(l))}\" y1=\"{F(y)}\" x2=\"{F(Px(h))}\" "
                        + $"y2=\"{F(y)}\" stroke=\"{Color}\" stroke-width=\"1.6\"/>");
                body.Append($"<rect class=\"forest-point\" x=\"{F(Px(v) - 4)}\" y=\"{F(y - 4)}\" width=\"8\" "
                    + $"height=\"8\" fill=\"{Color}\"><title>{Esc(row.Label + ": " + row.Text)}</title></rect>");
            }
            string textClass = row.Value is null && !row.Header ? "forest-too-small" : "forest-text";
            body.Append($"<text class=\"{textClass}\" x=\"{F(x1 + 8)}\" y=\"{F(y + 4)}\" font-size=\"10\">"
                + $"{Esc(row.Text)}</text></g>");
        }
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart forest\" data-plot=\"{_kind}\" "
            + $"width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" "
            + $"font-family=\"sans-serif\" role=\"img\" aria-label=\"{Esc(_title)}\">{body}</svg>";
    }

    private const string Color = "#1f5fa8";
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
