using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChestDx.Core.Choices;

/// <summary>
/// Writes a closed choice as its snake_case name (<see cref="Choice{T}"/>) and reads only those names: unlike
/// JsonStringEnumConverter it refuses other casing and numbers, so "train_crop": 1 is an error, not Resize.
/// Put it on the enum type with [JsonConverter(typeof(ChoiceJsonConverter&lt;T&gt;))].
/// </summary>
public sealed class ChoiceJsonConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"expected a string: {Choice<T>.Expected}");
        string? text = reader.GetString();
        return Choice<T>.TryParse(text, out T value) ? value : throw new JsonException(Choice<T>.NotAChoice(text, ""));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Choice<T>.Name(value));
}
