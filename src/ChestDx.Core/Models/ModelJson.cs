using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChestDx.Core.Models;

/// <summary>
/// The JSON settings of the model file's structured metadata values (chestdx.architecture, chestdx.source, …):
/// snake_case names, unknown members refused, NaN allowed (an operating point may be undefined).
/// </summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
