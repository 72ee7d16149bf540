using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChestDx.Core;
using ChestDx.Core.IO;

namespace ChestDx.Training.Settings;

/// <summary>
/// Resolves a <see cref="TrainConfig"/> the way nanoGPT's configurator does, but typed: defaults, then a JSON config
/// file, then <c>key=value</c> overrides from the command line (dotted keys reach nested records: model.growth_rate=8).
/// Unknown keys are errors naming the key and the known ones; values must parse as the key's type.
/// </summary>
public static class TrainConfigLoader
{
    /// <summary>Informational block ChestDx writes into RUN/config.json (parameter counts, pack hash…);
    /// ignored on load.</summary>
    public const string DerivedKey = "derived";

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <param name="file">Optional JSON config file (a previous run's config.json works:
    /// its "derived" block is skipped).</param>
    /// <param name="overrides">key=value pairs applied after the file, in order.</param>
    /// <param name="start">Values before the file (defaults when null).</param>
    public static TrainConfig Load(string? file, IEnumerable<KeyValuePair<string, string>> overrides,
        TrainConfig? start = null)
    {
        var tree = (JsonObject)JsonSerializer.SerializeToNode(start ?? new TrainConfig(), Json)!;
        if (file is not null) MergeFile(tree, file);
        foreach ((string key, string value) in overrides) Override(tree, key, value);
        TrainConfig config;
        try
        {
            config = tree.Deserialize<TrainConfig>(Json) ?? throw new ChestDxException("config: empty");
        }
        catch (JsonException e)
        {
            throw new ChestDxException($"config: {e.Path?.TrimStart('$', '.')}: {e.Message}", e);
        }
        config.Validate();
        return config;
    }

    /// <summary>The resolved config as JSON, with an optional <see cref="DerivedKey"/>
    /// block of facts about the run.</summary>
    public static string ToJson(TrainConfig config, object? derived = null)
    {
        var tree = (JsonObject)JsonSerializer.SerializeToNode(config, Json)!;
        if (derived is not null) tree[DerivedKey] = JsonSerializer.SerializeToNode(derived, Json);
        return tree.ToJsonString(Json);
    }

    public static void Write(string path, TrainConfig config, object? derived = null) =>
        AtomicFile.WriteAllText(path, ToJson(config, derived) + "\n");

    /// <summary>Parses "key=value" as given on the command line.</summary>
    public static KeyValuePair<string, string> ParseAssignment(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ChestDxException($"--set '{text}': expected key=value, e.g. learning_rate=0.0001");
        return new(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    /// <summary>Keys that differ between two configs (dotted, snake_case), for resume checks.</summary>
    public static IReadOnlyList<string> Differences(TrainConfig a, TrainConfig b)
    {
        var left = Flatten((JsonObject)JsonSerializer.SerializeToNode(a, Json)!, "");
        var right = Flatten((JsonObject)JsonSerializer.SerializeToNode(b, Json)!, "");
        return left.Keys.Where(k => !right.TryGetValue(k, out string? v) || v != left[k])
            .Order(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Flatten(JsonObject o, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string k, JsonNode? v) in o)
        {
            if (v is JsonObject child)
                foreach (var kv in Flatten(child, prefix + k + ".")) result[kv.Key] = kv.Value;
            else result[prefix + k] = v?.ToJsonString() ?? "null";
        }
        return result;
    }

    private static void MergeFile(JsonObject tree, string file)
    {
        if (!File.Exists(file)) throw ChestDxException.ForFile(file, "config file not found");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw ChestDxException.ForFile(file, $"invalid JSON: {e.Message}", e);
        }
        if (node is not JsonObject obj) throw ChestDxException.ForFile(file, "the config must be a JSON object");
        Merge(tree, obj, file, "");
    }

    private static void Merge(JsonObject target, JsonObject source, string file, string prefix)
    {
        foreach ((string key, JsonNode? value) in source)
        {
            if (prefix.Length == 0 && key is DerivedKey or TrainConfig.LegacyFreezePolicyKey) continue;
            if (!target.ContainsKey(key))
                throw ChestDxException.ForFile(file,
                    $"unknown key '{prefix}{key}' (known: {string.Join(", ", target.Select(kv => kv.Key))})");
            if (target[key] is JsonObject nested && value is JsonObject nestedSource)
                Merge(nested, nestedSource, file, $"{prefix}{key}.");
            else target[key] = value?.DeepClone();
        }
    }

    private static void Override(JsonObject tree, string key, string value)
    {
        string[] path = key.Split('.');
        JsonObject parent = tree;
        Type type = typeof(TrainConfig);
        for (int i = 0; i < path.Length; i++)
        {
            string name = path[i];
            if (!parent.ContainsKey(name))
                throw new ChestDxException(
                    $"--set {key}: unknown key '{name}' (known: {string.Join(", ", parent.Select(kv => kv.Key))})");
            PropertyInfo property = PropertyFor(type, name);
            if (i < path.Length - 1)
            {
                parent = parent[name] as JsonObject
                    ?? throw new ChestDxException($"--set {key}: '{name}' has no sub-keys");
                type = property.PropertyType;
                continue;
            }
            parent[name] = ValueNode(property.PropertyType, value, key);
        }
    }

    private static PropertyInfo PropertyFor(Type type, string snakeName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .First(p => Json.PropertyNamingPolicy!.ConvertName(p.Name) == snakeName);

    private static JsonNode? ValueNode(Type type, string value, string key)
    {
        Type bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare == typeof(string)) return value.Length == 0 || value == "null" ? null : JsonValue.Create(value);
        // Closed choices (enums) and parsed settings such as FreezePolicy are JSON strings;
        // their converters check them.
        if (bare.IsEnum || bare.GetCustomAttribute<JsonConverterAttribute>() is not null)
            return JsonValue.Create(value);
        if (bare == typeof(bool))
            return value switch
            {
                "true" or "on" or "yes" => JsonValue.Create(true),
                "false" or "off" or "no" => JsonValue.Create(false),
                _ => throw new ChestDxException($"--set {key}={value}: expected true or false"),
            };
        if (bare == typeof(int) || bare == typeof(long) || bare == typeof(double))
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                throw new ChestDxException($"--set {key}={value}: expected a number");
            if (bare != typeof(double) && d != Math.Floor(d))
                throw new ChestDxException($"--set {key}={value}: expected a whole number");
            return bare == typeof(double) ? JsonValue.Create(d) : JsonValue.Create((long)d);
        }
        // Lists: "6,12,24,16" or "[6,12,24,16]".
        string text = value.StartsWith('[') ? value : $"[{value}]";
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new ChestDxException($"--set {key}={value}: expected a list such as 6,12,24,16");
        }
    }
}
