using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Model;

/// <summary>
/// The random stream of a model's dropout masks, owned by the model instead of libtorch's process-wide default
/// generator: two models in one process do not disturb each other, and a checkpoint can store and restore the stream
/// (<see cref="GetState"/>/<see cref="SetState"/>) so a resumed run draws the same masks as an uninterrupted one.
/// The generator lives on the device of the activations (a CPU generator cannot draw CUDA masks).
/// </summary>
public sealed class DropoutRng : IDisposable
{
    private Generator? _generator;
    private Tensor? _pendingState;

    public DropoutRng(long seed) => Seed = seed;

    public long Seed { get; }

    /// <summary>Inverted dropout (survivors scaled by 1/(1−p)), the same rule as torch.nn.functional.dropout.</summary>
    public Tensor Apply(Tensor x, double p)
    {
        Generator g = GeneratorFor(x.device);
        using Tensor keep = torch.rand(x.shape, dtype: x.dtype, device: x.device, generator: g).ge_(p);
        return x * keep * (1.0 / (1.0 - p));
    }

    /// <summary>The generator's state as a CPU byte tensor (caller disposes),
    /// or null when no mask was drawn yet.</summary>
    public Tensor? GetState() => _generator?.get_state() ?? _pendingState?.clone();

    public void SetState(Tensor state)
    {
        if (_generator is not null) _generator.set_state(state);
        else
        {
            _pendingState?.Dispose();
            _pendingState = state.clone();
        }
    }

    private Generator GeneratorFor(Device device)
    {
        if (_generator is not null && _generator.device.type == device.type && _generator.device.index == device.index)
            return _generator;
        Tensor? state = _generator?.get_state() ?? _pendingState;
        _generator?.Dispose();
        _generator = new Generator((ulong)Seed, device);
        if (state is not null)
        {
            // A generator's state moves between devices of the same kind only (CPU and CUDA states differ in size).
            if (state.shape.SequenceEqual(_generator.get_state().shape)) _generator.set_state(state);
            state.Dispose();
            _pendingState = null;
        }
        return _generator;
    }

    public void Dispose()
    {
        _generator?.Dispose();
        _pendingState?.Dispose();
    }
}
