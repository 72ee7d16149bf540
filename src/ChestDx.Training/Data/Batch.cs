using static TorchSharp.torch;

namespace ChestDx.Training.Data;

/// <summary>
/// One minibatch, ready for the network: normalised inputs B×3×H×W, targets B×C with unknown labels set to 0, and a
/// mask B×C that is 1 where the label is known. Owns its tensors.
/// </summary>
public sealed class Batch : IDisposable
{
    public Batch(Tensor inputs, Tensor targets, Tensor mask, int[] rows)
    {
        Inputs = inputs;
        Targets = targets;
        Mask = mask;
        Rows = rows;
    }

    public Tensor Inputs { get; private set; }
    public Tensor Targets { get; private set; }
    public Tensor Mask { get; private set; }

    /// <summary>Pack rows of the samples, in batch order.</summary>
    public int[] Rows { get; }

    public int Size => Rows.Length;

    /// <summary>
    /// Moves the tensors to <paramref name="device"/> (non-blocking from pinned memory on CUDA). Call it outside any
    /// dispose scope: the moved tensors belong to the batch.
    /// </summary>
    public Batch To(Device device)
    {
        // Device has reference equality; compare what it denotes (index -1 = the current device, i.e. 0 here).
        if (Inputs.device_type == device.type && Math.Max(Inputs.device_index, 0) == Math.Max(device.index, 0))
            return this;
        Inputs = Move(Inputs, device);
        Targets = Move(Targets, device);
        Mask = Move(Mask, device);
        return this;
    }

    private static Tensor Move(Tensor t, Device device)
    {
        Tensor moved = t.to(device, non_blocking: true);
        t.Dispose();
        return moved;
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Mask.Dispose();
    }
}
