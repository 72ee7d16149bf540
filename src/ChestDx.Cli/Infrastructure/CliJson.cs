using System.Text.Json;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// The one set of JSON options of the CLI's own JSON output (<c>doctor --json</c>, <c>bench … --json</c>): snake_case
/// keys, as every data contract ChestDx writes (pack.json, model metadata, metrics.json; docs/cli.md). Writers that
/// build their JSON by hand (<c>dicom info --json</c>) spell the same snake_case keys; the convention test checks both.
/// </summary>
public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };
}
