using System.Globalization;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Training.Data;
using ChestDx.Training.Model;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;

namespace ChestDx.Training.Runs;

/// <summary>The end of a finished run: the best epoch's weights as
/// RUN/model.safetensors and its RUN/model_card.json.</summary>
internal static class ModelExport
{
    /// <summary>Writes RUN/model.safetensors (the best epoch's weights) and RUN/model_card.json.</summary>
    public static ModelCard Write(RunDirectory run, TrainConfig config, TrainerState state, DatasetPack pack,
        string packHash, int trainImages, int valImages, ImageGeometry geometry, TrainingFacts facts,
        WeightsReport? weights, IProgressSink progress)
    {
        var package = new ModelPackage
        {
            Architecture = config.Model, Classes = pack.Classes, InputSize = config.InputSize,
            ImageSize = pack.ImageSize,
            EvalCrop = config.EvalCrop, Aspect = PackAspect(pack.Info),
            // A run scales its images as the weights it started from expect (Trainer), and so must its users.
            InputChannels = weights?.InputChannels ?? 3, InputScaling = weights?.InputScaling ?? InputScaling.Imagenet,
        };
        using (var best = new DenseNet(config.Model, config.Seed, package.InputChannels))
        {
            Checkpoint.Restore(run.BestCheckpoint, best, optimizer: null);
            package.Write(run.Model, best);
        }
        EpochMetrics bestEpoch = state.History.Where(m => m.IsBest).Last();
        var card = new ModelCard
        {
            Model = run.Model,
            Created = DateTimeOffset.UtcNow,
            Package = package,
            Data = new DataProvenance(Path.GetFullPath(config.Data), packHash, geometry.PackSize, config.TrainSplit,
                trainImages, config.ValSplit, valImages),
            StartingWeights = config.Weights is null
                ? "random initialisation (from scratch)"
                : Path.GetFullPath(config.Weights),
            WeightsDetail = weights,
            Config = config,
            Facts = facts,
            Epochs = state.History,
            BestEpoch = bestEpoch.Epoch,
            BestValLoss = bestEpoch.ValLoss,
            BestValMeanAuroc = bestEpoch.ValMeanAuroc,
            StoppedBy = state.Finished,
            Software = SoftwareVersions.Current(),
        };
        card.Write(run.ModelCard);
        progress.Info(string.Create(CultureInfo.InvariantCulture,
            $"best epoch {bestEpoch.Epoch}: val loss {bestEpoch.ValLoss:F4}, val mean AUROC " +
            $"{Trainer.Format(bestEpoch.ValMeanAuroc)} → {run.Model}"));
        return card;
    }

    /// <summary>The aspect mode ingestion recorded in pack.json's settings
    /// (pad, ingestion's default, when absent).</summary>
    private static AspectMode PackAspect(PackInfo info) => info.Settings?.Aspect ?? AspectMode.Pad;
}
