using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Metrics;
using ChestDx.Training.Data;
using ChestDx.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Runs;

/// <summary>
/// A model's validation numbers on pack rows: eval mode, the evaluation crop, no augmentation; the loss CheXNet picks
/// checkpoints by, and per-class AUROC over the known labels: the report's own AUROC (ChestDx.Evaluation's
/// <see cref="RankedScores"/>, exact Mann–Whitney with midranks), so an epoch's number is the one `evaluate` gives.
/// </summary>
public static class ValidationPass
{
    public static EvalResult Run(DenseNet model, DatasetPack pack, IReadOnlyList<int> rows, BatchAssembler assembler,
        ComputeSettings compute, int batchSize, Tensor? posWeight, IProgressSink progress, string description,
        CancellationToken cancel)
    {
        int classes = pack.Classes.Count;
        var probabilities = new float[rows.Count * classes];
        double lossSum = 0, known = 0;
        SampleView view = assembler.Geometry.ForEvaluation();
        bool wasTraining = model.training;
        model.eval();
        int batches = (rows.Count + batchSize - 1) / batchSize;
        using IProgressTask task = progress.Start(description, batches);
        try
        {
            using var _ = torch.inference_mode();
            for (int b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                int[] batchRows = new int[Math.Min(batchSize, rows.Count - b * batchSize)];
                for (int i = 0; i < batchRows.Length; i++) batchRows[i] = rows[b * batchSize + i];
                using Batch batch = assembler.FromPack(pack, batchRows,
                        Enumerable.Repeat(view, batchRows.Length).ToArray(), training: false, pin: compute.IsCuda)
                    .To(compute.Device);
                Tensor logits;
                using (compute.Autocast()) logits = model.forward(batch.Inputs);
                Tensor logits32 = logits.to(ScalarType.Float32);
                lossSum += MaskedBce.Sum(logits32, batch.Targets, batch.Mask, posWeight).item<float>();
                known += batch.Mask.sum().item<float>();
                float[] p = torch.sigmoid(logits32).cpu().data<float>().ToArray();
                Array.Copy(p, 0, probabilities, b * batchSize * classes, p.Length);
                task.Advance();
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        IReadOnlyList<double?> auroc = PerClassAuroc(pack, rows, probabilities);
        var defined = auroc.Where(a => a.HasValue).Select(a => a!.Value).ToList();
        return new EvalResult(known > 0 ? lossSum / known : double.NaN, defined.Count > 0 ? defined.Average() : null,
            auroc, probabilities);
    }

    /// <summary>AUROC per class over the rows whose label is known;
    /// null when a class lacks positives or negatives.</summary>
    public static IReadOnlyList<double?> PerClassAuroc(DatasetPack pack, IReadOnlyList<int> rows, float[] probabilities)
    {
        int classes = pack.Classes.Count;
        var result = new double?[classes];
        var scores = new List<double>(rows.Count);
        var truth = new List<bool>(rows.Count);
        for (int c = 0; c < classes; c++)
        {
            scores.Clear();
            truth.Clear();
            for (int i = 0; i < rows.Count; i++)
            {
                float label = pack.Entries[rows[i]].Labels[c];
                if (float.IsNaN(label)) continue;
                scores.Add(probabilities[i * classes + c]);
                truth.Add(label == 1f);
            }
            result[c] = RankedScores.Build(scores.ToArray(), truth.ToArray()).Auroc();
        }
        return result;
    }
}

/// <param name="Loss">Mean masked BCE over every known label of the rows.</param>
/// <param name="MeanAuroc">Mean over classes with a defined AUROC; null when none is defined.</param>
/// <param name="Probabilities">Sigmoid outputs, row-major rows × classes, in the rows' order.</param>
public sealed record EvalResult(double Loss, double? MeanAuroc, IReadOnlyList<double?> Auroc, float[] Probabilities);
