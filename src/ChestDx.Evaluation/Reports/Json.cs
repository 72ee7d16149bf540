using System.Text.Json;
using ChestDx.Evaluation.Bootstrap;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// Small helpers so every report writes undefined values as JSON null (never NaN) and intervals as [low, high].
/// </summary>
internal static class Json
{
    public static void Number(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    public static void Interval(this Utf8JsonWriter w, string name, double? low, double? high)
    {
        if (low is { } lo && high is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
        {
            w.WriteStartArray(name);
            w.WriteNumberValue(lo);
            w.WriteNumberValue(hi);
            w.WriteEndArray();
        }
        else w.WriteNull(name);
    }

    public static void Interval(this Utf8JsonWriter w, string name, PercentileInterval? interval) =>
        w.Interval(name, interval?.Low, interval?.High);

    public static void Strings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    public static JsonWriterOptions Options { get; } = new() { Indented = true };
}
