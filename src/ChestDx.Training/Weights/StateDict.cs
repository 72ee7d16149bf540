using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>
/// Named tensors in file order, as a PyTorch state_dict: what weight files hold and what models load. Owns its
/// tensors (disposing the dictionary disposes them) unless they were handed over with <see cref="Remove"/>.
/// </summary>
public sealed class StateDict : IDisposable
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);

    /// <summary>
    /// Free-form string metadata (safetensors "__metadata__"), e.g. the architecture of a ChestDx export.
    /// </summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public int Count => _order.Count;
    public IReadOnlyList<string> Keys => _order;
    public Tensor this[string key] => _tensors[key];

    public bool ContainsKey(string key) => _tensors.ContainsKey(key);

    /// <summary>Adds a tensor; a duplicate key is an error (files with repeated names are malformed).</summary>
    public void Add(string key, Tensor tensor)
    {
        if (!_tensors.TryAdd(key, tensor)) throw new ArgumentException($"duplicate tensor name '{key}'");
        _order.Add(key);
    }

    /// <summary>Removes a tensor and hands its ownership to the caller.</summary>
    public Tensor? Remove(string key)
    {
        if (!_tensors.Remove(key, out Tensor? tensor)) return null;
        _order.Remove(key);
        return tensor;
    }

    /// <summary>Renames a tensor in place, keeping its position.</summary>
    public void Rename(string from, string to)
    {
        if (from == to) return;
        if (_tensors.ContainsKey(to))
            throw new ArgumentException($"cannot rename '{from}' to '{to}': the name is taken");
        Tensor t = _tensors[from];
        _tensors.Remove(from);
        _tensors[to] = t;
        _order[_order.IndexOf(from)] = to;
    }

    public void Dispose()
    {
        foreach (Tensor t in _tensors.Values) t.Dispose();
        _tensors.Clear();
        _order.Clear();
    }
}
