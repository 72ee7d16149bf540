using System.CommandLine;
using System.CommandLine.Parsing;
using ChestDx.Core;
using ChestDx.Core.Choices;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// Options whose value is a closed choice or a small parsed setting, converted once by System.CommandLine's parser:
/// a bad value is a usage error of one line ("--device 'tpu' is not auto, cpu or cuda") and exit code 2, before any
/// handler runs; handlers get the typed value.
/// </summary>
internal static class ChoiceOption
{
    /// <summary>
    /// An option taking one of <typeparamref name="T"/>'s snake_case names (<see cref="Choice{T}"/>), read with
    /// <see cref="ChoiceOption{T}.Get"/>. The default is stated as "[default: auto]", in its snake_case name, the way
    /// the help states every other default (its own rendering would print the enum member, "Auto").
    /// </summary>
    public static ChoiceOption<T> Create<T>(string name, string description, T defaultValue) where T : struct, Enum =>
        new(name, $"{description} {DefaultText(Choice<T>.Name(defaultValue))}", defaultValue);

    /// <summary>How the help states a default that System.CommandLine cannot render itself (docs/cli.md).</summary>
    public static string DefaultText(string value) => $"[default: {value}]";

    /// <summary>As <see cref="Create{T}"/>,
    /// null when the option is not given (e.g. to keep a config file's value).</summary>
    public static Option<T?> CreateOptional<T>(string name, string description) where T : struct, Enum
    {
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', Choice<T>.Names),
            CustomParser = r => Parse<T>(r, name),
        };
        option.CompletionSources.Add(Choice<T>.Names.ToArray());
        return option;
    }

    /// <summary>
    /// An option whose text <paramref name="parse"/> turns into a setting, or refuses with a
    /// <see cref="ChestDxException"/> whose message becomes the parse error. The help shows the default through the
    /// setting's ToString.
    /// </summary>
    public static Option<T> Parsed<T>(string name, string description, Func<string, T> parse,
        string? defaultText = null)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            CustomParser = r =>
            {
                try
                {
                    return parse(r.Tokens[^1].Value);
                }
                catch (ChestDxException e)
                {
                    r.AddError(e.Message);
                    return default;
                }
            },
        };
        if (defaultText is not null) option.DefaultValueFactory = _ => parse(defaultText);
        return option;
    }

    internal static T? Parse<T>(ArgumentResult result, string name) where T : struct, Enum
    {
        string? text = result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
        if (Choice<T>.TryParse(text, out T value)) return value;
        result.AddError(Choice<T>.NotAChoice(text, name));
        return null;
    }
}

/// <summary>A closed-choice option with its default (<see cref="ChoiceOption.Create{T}"/>).</summary>
internal sealed class ChoiceOption<T> : Option<T?> where T : struct, Enum
{
    public ChoiceOption(string name, string description, T defaultValue) : base(name)
    {
        Default = defaultValue;
        Description = description;
        HelpName = string.Join('|', Choice<T>.Names);
        CustomParser = r => ChoiceOption.Parse<T>(r, name);
        CompletionSources.Add(Choice<T>.Names.ToArray());
    }

    public T Default { get; }

    /// <summary>The value given on the command line, or the default.</summary>
    public T Get(ParseResult parse) => parse.GetValue(this) ?? Default;
}
