using System.Net;

namespace ChestDx.Evaluation.Reports;

/// <summary>The shared frame of ChestDx's HTML reports: inline styles only, so one file is the whole report.</summary>
internal static class Page
{
    public static string Esc(string s) => WebUtility.HtmlEncode(s);

    public static string Head(string title) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\">"
        + $"<title>{Esc(title)}</title><style>"
        + "body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}"
        + "h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px}"
        + "table{border-collapse:collapse;font-size:12px;margin:8px 0}"
        + "th,td{border:1px solid #ccc;padding:3px 7px;text-align:left}"
        + "table.numbers td{text-align:right;font-variant-numeric:tabular-nums}"
        + "table.numbers td:first-child{text-align:left}"
        + "thead th{background:#f0f3f7}tfoot{font-weight:bold}.settings th{background:#f6f6f6;width:160px}"
        + "figure.class-plots{display:inline-block;margin:8px 12px 16px 0;border:1px solid #ddd;padding:6px}"
        + "figcaption{font-size:13px;font-weight:bold;margin-bottom:4px}svg.chart{margin-right:4px;background:#fff}"
        + ".citations{font-size:11px;color:#444}#notes ul{background:#fff8e5;border:1px solid #f0d58a;padding:8px 24px}"
        + ".disclaimer{background:#fdecea;border:1px solid #e0a29b;padding:8px 12px;font-weight:bold}"
        + ".blank-reasons,.legends{font-size:11px;color:#444}sup.why{color:#777;cursor:help}"
        + "</style></head><body>";

    public static string Section(string id, string title, string body) =>
        $"<section id=\"{id}\"><h2>{Esc(title)}</h2>{body}</section>";

    public static string Foot() =>
        "<footer><p style=\"font-size:11px;color:#666\">Written by ChestDx. "
        + "AUROC: Mann–Whitney with ties counted ½ (equals scikit-learn's roc_auc_score). "
        + "AP: scikit-learn's step definition. DeLong variance by Sun &amp; Xu's midrank algorithm (matches R pROC). "
        + "Bootstrap: percentile intervals.</p></footer></body></html>";
}
