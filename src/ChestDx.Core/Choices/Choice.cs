using System.Text.Json;

namespace ChestDx.Core.Choices;

/// <summary>
/// The snake_case names of a closed choice (an enum whose members are the allowed values): TrainCrop.Random is
/// "random", PrecisionChoice.Bf16 is "bf16". The names are what config.json, pack.json and the command line have always
/// held, so files written before the settings were enums read the same. Parsing is exact (no other case, no numbers):
/// a setting is parsed once, where it enters (the CLI or a JSON reader), and the rest of the code switches on the enum.
/// </summary>
public static class Choice<T> where T : struct, Enum
{
    private static readonly T[] Values = Enum.GetValues<T>();

    private static readonly string[] NameArray =
        Values.Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())).ToArray();

    /// <summary>The allowed names in declaration order.</summary>
    public static IReadOnlyList<string> Names => NameArray;

    /// <summary>"a, b or c": the allowed names, for error messages.</summary>
    public static string Expected { get; } =
        Names.Count == 1 ? Names[0] : string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    public static string Name(T value) => Names[Array.IndexOf(Values, value)];

    public static bool TryParse(string? text, out T value)
    {
        int i = text is null ? -1 : Array.IndexOf(NameArray, text);
        value = i >= 0 ? Values[i] : default;
        return i >= 0;
    }

    /// <summary>Parses a name or throws a <see cref="ChestDxException"/>:
    /// "<paramref name="setting"/> 'x' is not a, b or c".</summary>
    public static T Parse(string? text, string setting) =>
        TryParse(text, out T value) ? value : throw new ChestDxException(NotAChoice(text, setting));

    /// <summary>"setting 'x' is not a, b or c" (without the setting when it is empty).</summary>
    public static string NotAChoice(string? text, string setting) =>
        (setting.Length > 0 ? setting + " " : "") + $"'{text}' is not {Expected}";
}
