using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>
/// A module's state (parameters and persistent buffers) in PyTorch's state_dict order: for each module in pre-order,
/// its own parameters, then its own buffers, then its children (torch.nn.Module._save_to_state_dict / state_dict).
/// TorchSharp's <c>state_dict()</c> holds the same entries but lists every parameter before every buffer, so files
/// written from it would not list keys in the order torchvision's do.
/// </summary>
public static class ModuleState
{
    /// <summary>The live tensors (not copies), keyed "features.conv0.weight"…, in PyTorch order.</summary>
    public static List<KeyValuePair<string, Tensor>> Ordered(nn.Module module)
    {
        var result = new List<KeyValuePair<string, Tensor>>();
        Visit(module, "", result);
        return result;
    }

    private static void Visit(nn.Module module, string prefix, List<KeyValuePair<string, Tensor>> result)
    {
        foreach ((string name, var p) in module.named_parameters(recurse: false))
            result.Add(new(prefix + name, p));
        foreach ((string name, Tensor b) in module.named_buffers(recurse: false, include_nonpersistent: false))
            result.Add(new(prefix + name, b));
        foreach ((string name, nn.Module child) in module.named_children())
            Visit(child, prefix + name + ".", result);
    }
}
