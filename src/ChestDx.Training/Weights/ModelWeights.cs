using ChestDx.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>
/// Copies a <see cref="StateDict"/> into a module by name, strictly: every key of the module must be present with the
/// same shape, and no key may be left over. The copy goes into the module's existing tensors under no_grad, so
/// parameters keep <c>requires_grad</c> and their device (unlike TorchSharp.PyBridge 1.4.4's load_py, which leaves
/// loaded parameters with requires_grad=false; tested in tests/ChestDx.Training.Tests/Weights).
/// </summary>
public static class ModelWeights
{
    /// <param name="source">The file the weights came from, for error messages.</param>
    public static void Load(nn.Module module, StateDict weights, string source)
    {
        Dictionary<string, Tensor> target = module.state_dict();
        CheckKeysAndShapes(target, weights, source);
        using var _ = torch.no_grad();
        foreach ((string key, Tensor destination) in target)
        {
            Tensor value = weights[key];
            destination.copy_(value.dtype == destination.dtype ? value : value.to(destination.dtype));
        }
    }

    /// <summary>
    /// Throws one error listing the missing keys, unexpected keys and shape mismatches (first few of each).
    /// </summary>
    public static void CheckKeysAndShapes(IReadOnlyDictionary<string, Tensor> target, StateDict weights, string source)
    {
        var missing = target.Keys.Where(k => !weights.ContainsKey(k)).ToList();
        var unexpected = weights.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var mismatched = target
            .Where(kv => weights.ContainsKey(kv.Key) && !kv.Value.shape.SequenceEqual(weights[kv.Key].shape))
            .Select(kv => $"{kv.Key} is {Shape(weights[kv.Key].shape)} in the file, "
                + $"{Shape(kv.Value.shape)} in the model")
            .ToList();
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"{missing.Count} missing key(s): {Few(missing)}");
        if (unexpected.Count > 0) problems.Add($"{unexpected.Count} unexpected key(s): {Few(unexpected)}");
        if (mismatched.Count > 0) problems.Add($"{mismatched.Count} shape mismatch(es): {Few(mismatched)}");
        if (problems.Count > 0)
            throw ChestDxException.ForFile(source, "weights do not fit the model: " + string.Join("; ", problems));
    }

    public static string Shape(long[] shape) => shape.Length == 0 ? "scalar" : string.Join("×", shape);

    private static string Few(List<string> items) =>
        string.Join(", ", items.Take(5)) + (items.Count > 5 ? $", … ({items.Count - 5} more)" : "");
}
