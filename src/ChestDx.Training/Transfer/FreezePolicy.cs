using System.Text.Json;
using System.Text.Json.Serialization;
using ChestDx.Core;
using ChestDx.Training.Model;

namespace ChestDx.Training.Transfer;

/// <summary>
/// Which part of a pretrained DenseNet stays fixed while fine-tuning (<c>--freeze</c>):
/// <list type="bullet">
/// <item><c>none</c>: everything trains (CheXNet fine-tunes the whole network, Rajpurkar et al. 2017 §3.1).</item>
/// <item><c>features</c>: the whole backbone is fixed; only the classifier trains (a linear probe).</item>
/// <item><c>until:NAME</c>: the backbone from the stem up to and including NAME (a child of <c>features</c>:
///   denseblockN, transitionN, …) is fixed; later layers and the head train. Early layers hold generic edges and
///   textures that transfer across domains; later ones are ImageNet-specific (Yosinski et al., NeurIPS 2014).</item>
/// </list>
/// Frozen parts also keep their BatchNorm in eval mode, so their running statistics stay the pretrained ones.
/// Parsed once where it enters (the --freeze option, config.json's "freeze"); written back as <see cref="Text"/>.
/// </summary>
[JsonConverter(typeof(FreezePolicyJsonConverter))]
public sealed record FreezePolicy
{
    private FreezePolicy(string text, string? until)
    {
        Text = text;
        Until = until;
    }

    public static FreezePolicy None { get; } = new("none", null);
    public static FreezePolicy Features { get; } = new("features", "norm5");

    /// <summary>The policy as written on the command line and in config.json.</summary>
    public string Text { get; }

    /// <summary>Last child of <c>features</c> that is frozen; null for <see cref="None"/>.</summary>
    public string? Until { get; }

    public static FreezePolicy FreezeUntil(string child) => new($"until:{child}", child);

    /// <summary>Parses "none", "features" or "until:NAME";
    /// the name is checked later against the model's layers.</summary>
    public static FreezePolicy Parse(string text)
    {
        string t = text.Trim();
        if (t == "none") return None;
        if (t == "features") return Features;
        if (t.StartsWith("until:", StringComparison.Ordinal) && t.Length > "until:".Length)
            return FreezeUntil(t["until:".Length..]);
        throw new ChestDxException(
            $"freeze policy '{text}' is not none, features or until:<block> (e.g. until:denseblock2)");
    }

    /// <summary>Names of the frozen children of <c>features</c>, in forward order.</summary>
    public IReadOnlyList<string> FrozenChildren(IReadOnlyList<string> featureChildren)
    {
        if (Until is null) return [];
        int last = -1;
        for (int i = 0; i < featureChildren.Count; i++)
            if (featureChildren[i] == Until) last = i;
        if (last < 0)
            throw new ChestDxException(
                $"freeze policy '{Text}': the model has no layer '{Until}' (layers: " +
                $"{string.Join(", ", featureChildren.Where(n => !n.StartsWith("relu", StringComparison.Ordinal)
                    && !n.StartsWith("pool", StringComparison.Ordinal)))})");
        return featureChildren.Take(last + 1).ToList();
    }

    public override string ToString() => Text;
}

/// <summary>config.json's "freeze": the policy's text ("none", "features", "until:denseblock2"),
/// parsed on read.</summary>
public sealed class FreezePolicyJsonConverter : JsonConverter<FreezePolicy>
{
    public override FreezePolicy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("expected a string: none, features or until:<block>");
        try
        {
            return FreezePolicy.Parse(reader.GetString()!);
        }
        catch (ChestDxException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, FreezePolicy value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}
