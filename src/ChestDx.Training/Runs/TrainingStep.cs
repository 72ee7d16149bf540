using ChestDx.Training.Data;
using ChestDx.Training.Model;
using ChestDx.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Runs;

/// <summary>
/// One optimisation step, shared by the trainer and <c>chestdx bench train</c> so the benchmark measures exactly what
/// training runs: forward (under bf16 autocast when enabled), masked BCE in fp32, backward, Adam step, all inside one
/// dispose scope so the live tensor count stays flat. Callers trim the heap every
/// <see cref="NativeMemory.TrimInterval"/> steps (<see cref="NativeMemory.AfterStep"/>).
/// </summary>
public static class TrainingStep
{
    /// <summary>Runs the step; returns the loss times the number of known labels and that number, both as device
    /// scalars (float64) the caller owns, so no GPU sync happens here.</summary>
    public static (Tensor WeightedLoss, Tensor Known) Run(DenseNet model, torch.optim.Optimizer optimizer,
        Batch batch, Tensor? posWeight, ComputeSettings compute)
    {
        Tensor weighted, known;
        batch.To(compute.Device);
        using (var scope = torch.NewDisposeScope())
        {
            optimizer.zero_grad();
            Tensor logits;
            using (compute.Autocast()) logits = model.forward(batch.Inputs);
            Tensor loss = MaskedBce.Mean(logits.to(ScalarType.Float32), batch.Targets, batch.Mask, posWeight);
            loss.backward();
            optimizer.step();
            known = batch.Mask.sum().to(ScalarType.Float64);
            weighted = (loss.detach().to(ScalarType.Float64) * known).MoveToOuterDisposeScope();
            known.MoveToOuterDisposeScope();
        }
        return (weighted, known);
    }
}
