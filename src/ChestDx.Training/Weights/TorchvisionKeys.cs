using System.Text.RegularExpressions;

namespace ChestDx.Training.Weights;

/// <summary>
/// Key-name fixes that DenseNet weight files in the wild need before they match torchvision's current names.
/// </summary>
public static partial class TorchvisionKeys
{
    /// <summary>
    /// torchvision's own rule for its 2017 DenseNet files (densenet.py, <c>_load_state_dict</c>): "norm.1.weight" in a
    /// dense layer became "norm1.weight" when module names lost their dots. Same regex as torchvision.
    /// </summary>
    [GeneratedRegex(@"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$")]
    private static partial Regex LegacyDenseLayerKey();

    /// <summary>The current name of a legacy dense-layer key, or the key unchanged.</summary>
    public static string RenameLegacy(string key)
    {
        Match m = LegacyDenseLayerKey().Match(key);
        return m.Success ? m.Groups[1].Value + m.Groups[2].Value : key;
    }

    /// <summary>
    /// Wrappers that training scripts put around torchvision's DenseNet, removed when every key carries them:
    /// "module." (nn.DataParallel) and "densenet121." (the CheXNet reimplementations' wrapper class, whose head is
    /// nn.Sequential(Linear, Sigmoid), hence "classifier.0.*" → "classifier.*").
    /// </summary>
    public static IReadOnlyList<string> WrapperPrefixes { get; } = ["module.", "densenet121."];

    /// <summary>
    /// Renames every key of <paramref name="weights"/> in place; returns what was done, for the run's log.
    /// </summary>
    public static KeyFixes Normalise(StateDict weights)
    {
        var prefixes = new List<string>();
        foreach (string prefix in WrapperPrefixes)
        {
            if (weights.Count == 0 || !weights.Keys.All(k => k.StartsWith(prefix, StringComparison.Ordinal))) continue;
            foreach (string key in weights.Keys.ToList()) weights.Rename(key, key[prefix.Length..]);
            prefixes.Add(prefix);
        }
        foreach (string suffix in new[] { "weight", "bias" })
            if (weights.ContainsKey($"classifier.0.{suffix}") && !weights.ContainsKey($"classifier.{suffix}"))
                weights.Rename($"classifier.0.{suffix}", $"classifier.{suffix}");

        int legacy = 0;
        foreach (string key in weights.Keys.ToList())
        {
            string renamed = RenameLegacy(key);
            if (renamed == key) continue;
            weights.Rename(key, renamed);
            legacy++;
        }
        return new KeyFixes(prefixes, legacy);
    }
}

/// <param name="StrippedPrefixes">Wrapper prefixes removed from every key.</param>
/// <param name="LegacyKeysRenamed">Dense-layer keys renamed from the 2017 "norm.1.weight" form.</param>
public sealed record KeyFixes(IReadOnlyList<string> StrippedPrefixes, int LegacyKeysRenamed);
