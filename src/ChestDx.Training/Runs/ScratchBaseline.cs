using System.Globalization;
using ChestDx.Core.Progress;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;

namespace ChestDx.Training.Runs;

/// <summary>
/// <c>--baseline scratch</c>: the same data and epoch budget from random initialisation, next to the pretrained run, so
/// negative transfer (pretrained weights that do not help, or hurt) shows in the numbers instead of going unnoticed.
/// </summary>
internal static class ScratchBaseline
{
    /// <summary>Trains (or resumes) RUN/baseline-scratch: no weights, nothing frozen,
    /// <paramref name="epochs"/> epochs.</summary>
    public static TrainResult Run(RunDirectory run, TrainConfig config, int epochs, TrainOptions options,
        IProgressSink progress, CancellationToken cancel)
    {
        TrainConfig scratch = config with
        {
            Weights = null, Freeze = FreezePolicy.None, BackboneLrMultiplier = 1.0, Baseline = BaselineRun.None,
            Epochs = epochs, EarlyStoppingPatience = 0,
        };
        progress.Info($"baseline: training from scratch for {epochs} epochs in {run.Baseline}");
        var quiet = new BaselineProgress(progress);
        return File.Exists(new RunDirectory(run.Baseline).LastCheckpoint)
            ? Trainer.Resume(run.Baseline, [], options, quiet, cancel)
            : Trainer.Run(scratch, run.Baseline, options, quiet, cancel);
    }

    /// <summary>Adds the comparison to the pretrained run's model card and warns when pretrained did not win.</summary>
    public static ModelCard Compare(ModelCard card, TrainResult baseline, RunDirectory run, IProgressSink progress)
    {
        if (baseline.Card is null) return card;
        var comparison = new BaselineComparison(baseline.State.Epoch, card.BestValLoss, card.BestValMeanAuroc,
            baseline.Card.BestValLoss, baseline.Card.BestValMeanAuroc);
        card = card with { Baseline = comparison };
        card.Write(run.ModelCard);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"pretrained vs scratch ({comparison.Epochs} epochs): val mean AUROC " +
            $"{Trainer.Format(comparison.PretrainedBestValMeanAuroc)} vs " +
            $"{Trainer.Format(comparison.ScratchBestValMeanAuroc)}, val loss " +
            $"{comparison.PretrainedBestValLoss:F4} vs {comparison.ScratchBestValLoss:F4}");
        if (comparison.NegativeTransfer)
            progress.Warn(line + ": the pretrained weights did not beat random initialisation (negative transfer); " +
                          "check the weights, the freeze policy and the learning rate");
        else progress.Info(line);
        return card;
    }

    /// <summary>Prefixes the baseline run's messages so they are not mistaken for the main run's.</summary>
    private sealed class BaselineProgress(IProgressSink inner) : IProgressSink
    {
        public IProgressTask Start(string description, long total) => inner.Start("baseline " + description, total);
        public void Info(string message) => inner.Info("baseline: " + message);
        public void Warn(string message)
        {
            // The scratch run's own "no --weights" warning is the point of the baseline, not a problem.
            if (!message.StartsWith("no --weights", StringComparison.Ordinal)) inner.Warn("baseline: " + message);
        }
    }
}
