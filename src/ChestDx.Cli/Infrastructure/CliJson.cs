using System.Text.Json;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// The JSON options of the CLI's own JSON output (<c>doctor --json</c>): snake_case keys, as every data contract
/// ChestDx writes (pack.json, model metadata, metrics.json; docs/cli.md). Writers that build their JSON by hand
/// (<c>dicom info --json</c>) and the benches' serialiser spell the same snake_case keys; the convention tests check
/// doctor's top-level keys and one of dicom info's.
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
