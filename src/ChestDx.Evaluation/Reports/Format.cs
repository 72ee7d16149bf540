using System.Globalization;
using ChestDx.Evaluation.Bootstrap;

namespace ChestDx.Evaluation.Reports;

/// <summary>How numbers look in tables: fixed decimals, "—" for undefined, intervals in parentheses.</summary>
public static class Format
{
    public const string Undefined = "—";

    public static string Num(double? v, int decimals = 3) =>
        v is { } x && double.IsFinite(x) ? x.ToString("F" + decimals, CultureInfo.InvariantCulture) : Undefined;

    public static string WithCi(double? v, double? lo, double? hi, int decimals = 3) =>
        v is null ? Undefined
        : lo is null || hi is null ? Num(v, decimals)
        : $"{Num(v, decimals)} ({Num(lo, decimals)}–{Num(hi, decimals)})";

    public static string WithCi(double? v, PercentileInterval? ci, int decimals = 3) =>
        WithCi(v, ci?.Low, ci?.High, decimals);

    /// <summary>Round-trip text for CSV cells; empty for undefined.</summary>
    public static string Raw(double? v) =>
        v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string CsvField(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
