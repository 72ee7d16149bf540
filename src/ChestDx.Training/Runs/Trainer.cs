using System.Diagnostics;
using System.Globalization;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Training.Data;
using ChestDx.Training.Model;
using ChestDx.Training.Native;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;
using ChestDx.Training.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Runs;

/// <summary>How a run is driven, beyond its config.</summary>
public sealed record TrainOptions
{
    /// <summary>Stop after this many epochs in this invocation, as if the process were killed there
    /// (tests, time-boxed jobs).</summary>
    public int? StopAfterEpochs { get; init; }
}

/// <param name="Interrupted">The run stopped before finishing (StopAfterEpochs or cancellation);
/// --resume continues it.</param>
public sealed record TrainResult(
    RunDirectory Run, TrainConfig Config, TrainerState State, ModelCard? Card, TrainResult? Baseline, bool Interrupted);

/// <summary>
/// The CheXNet training loop, top to bottom in nanoGPT's order (karpathy/nanoGPT train.py): config → device → data →
/// model (scratch, pretrained or resumed) → optimizer → loop (train epoch, validate, schedule, checkpoint) →
/// teardown (export the best model and its card, optional from-scratch baseline). Everything it prints goes to the
/// progress sink.
/// </summary>
public static class Trainer
{
    /// <summary>Starts a new run in <paramref name="runPath"/> (which must not hold one already).</summary>
    public static TrainResult Run(TrainConfig config, string runPath, TrainOptions options, IProgressSink progress,
        CancellationToken cancel = default)
    {
        var run = new RunDirectory(runPath);
        if (File.Exists(run.LastCheckpoint))
            throw ChestDxException.ForFile(run.Path,
                "already holds a training run; continue it with --resume or choose another --out");
        config.Validate();
        run.RemoveTemporaries();
        return Execute(config, new TrainerState(), run, resumed: false, options, progress, cancel);
    }

    /// <summary>
    /// Continues the run in <paramref name="runPath"/> from checkpoints/last.ckpt. Only
    /// <see cref="TrainConfig.ResumeOverridable"/> keys may be overridden (e.g. more epochs); the result equals an
    /// uninterrupted run's on CPU with the same seed.
    /// </summary>
    public static TrainResult Resume(string runPath, IEnumerable<KeyValuePair<string, string>> overrides,
        TrainOptions options, IProgressSink progress, CancellationToken cancel = default)
    {
        var run = new RunDirectory(runPath);
        if (!File.Exists(run.LastCheckpoint)) return Restart(run, overrides, options, progress, cancel);
        (TrainConfig saved, TrainerState state) = Checkpoint.ReadHeader(run.LastCheckpoint);
        TrainConfig config = WithOverrides(saved, overrides, run.LastCheckpoint);
        run.RemoveTemporaries();
        return Execute(config, state, run, resumed: true, options, progress, cancel);
    }

    /// <summary>
    /// --resume of a run stopped before its first checkpoint (killed, or the disk filled while writing it): nothing
    /// learned is lost by starting over, and config.json, written before the first epoch, holds every setting. An
    /// uninterrupted run with that config gives the same result, so this is what the user would have had to type.
    /// </summary>
    private static TrainResult Restart(RunDirectory run, IEnumerable<KeyValuePair<string, string>> overrides,
        TrainOptions options, IProgressSink progress, CancellationToken cancel)
    {
        if (!File.Exists(run.Config))
            throw ChestDxException.ForFile(run.Path,
                "nothing to resume: no checkpoints/last.ckpt and no config.json (the run stopped before it started); "
                + "start it again with `chestdx train --out "
                + run.Path + "` and its original options");
        TrainConfig config = WithOverrides(TrainConfigLoader.Load(run.Config, []), overrides, run.Config);
        progress.Warn($"{run.Path}: stopped before its first checkpoint; starting it again from " +
                      $"{System.IO.Path.GetFileName(run.Config)}");
        run.RemoveTemporaries();
        return Execute(config, new TrainerState(), run, resumed: false, options, progress, cancel);
    }

    /// <summary>The saved config with the overrides a resume may make (e.g. more epochs);
    /// any other change is refused.</summary>
    private static TrainConfig WithOverrides(TrainConfig saved, IEnumerable<KeyValuePair<string, string>> overrides,
        string savedPath)
    {
        TrainConfig config = TrainConfigLoader.Load(null, overrides, start: saved);
        var changed = TrainConfigLoader.Differences(saved, config)
            .Where(k => !TrainConfig.ResumeOverridable.Contains(k)).ToList();
        if (changed.Count > 0)
            throw ChestDxException.ForFile(savedPath,
                $"cannot change {string.Join(", ", changed)} when resuming (may change: " +
                $"{string.Join(", ", TrainConfig.ResumeOverridable.Order())})");
        return config;
    }

    private static TrainResult Execute(TrainConfig config, TrainerState state, RunDirectory run, bool resumed,
        TrainOptions options, IProgressSink progress, CancellationToken cancel)
    {
        // ---- device ---------------------------------------------------------------------------------------------
        ComputeSettings compute = ComputeSettings.Resolve(config, progress);
        TorchThreads.Use(compute.Threads);
        // fixed input shapes: let cuDNN pick the fastest kernels
        if (compute.IsCuda) CudnnSettings.TrySetBenchmark(true);
        // ---- data ---------------------------------------------------------------------------------------------
        using DatasetPack pack = DatasetPack.Open(config.Data);
        ClassSet classes = ClassSet.FromNames(pack.Classes);
        // One head per class of the pack: model.num_classes 0 (the default) takes the pack's count, and config.json
        // records the resolved number, so a resumed run builds the same network.
        if (config.Model.NumClasses == 0)
            config = config with { Model = config.Model with { NumClasses = classes.Count } };
        if (classes.Count != config.Model.NumClasses)
            throw ChestDxException.ForFile(config.Data,
                $"the pack has {classes.Count} classes but model.num_classes is {config.Model.NumClasses}");
        int[] trainRows = SplitRows(pack, config.TrainSplit, config.Data);
        int[] valRows = SplitRows(pack, config.ValSplit, config.Data);
        var geometry = ImageGeometry.For(config, pack.ImageSize, config.Data);
        // The weights decide the input: an imported torchxrayvision model takes 1 channel in [-1024, 1024].
        (int channels, InputScaling scaling) = state.StartingWeights is { } started
            ? (started.InputChannels, started.InputScaling)
            : config.Weights is not null ? PretrainedWeights.InputOf(config.Weights) : (3, InputScaling.Imagenet);
        var assembler = new BatchAssembler(geometry, compute.ChannelsLast)
        {
            Scaling = scaling, Channels = channels,
        };
        float[]? posWeights = null;
        if (config.PosWeight)
        {
            posWeights = MaskedBce.PositiveWeights(pack, trainRows, out List<string> noPositives);
            if (noPositives.Count > 0)
                progress.Warn($"no positives in '{config.TrainSplit}' for " +
                              $"{string.Join(", ", noPositives)}: their pos_weight is 1");
        }
        using Tensor? posWeight = posWeights is null ? null : torch.tensor(posWeights, device: compute.Device);
        using DeviceImages? deviceImages = PlaceImages(config, compute, pack, trainRows, progress);
        string packHash = PackFingerprint.Sha256(config.Data);
        if (resumed && state.PackSha256.Length > 0 && state.PackSha256 != packHash)
            throw ChestDxException.ForFile(config.Data,
                $"this pack (sha256 {packHash[..12]}…) is not the one the run started with (" +
                $"{state.PackSha256[..12]}…)");
        progress.Info($"data: {config.Data} ({pack.ImageSize}×{pack.ImageSize}, {trainRows.Length} train / " +
                      $"{valRows.Length} val images, sha256 {packHash[..12]}…)");

        // ---- model --------------------------------------------------------------------------------------------
        using var model = new DenseNet(config.Model, config.Seed, channels);
        WeightsReport? weights = state.StartingWeights;
        if (resumed) progress.Info($"resuming {run.Path} after epoch {state.Epoch}");
        else if (config.Weights is not null)
        {
            weights = PretrainedWeights.Load(model, config.Weights, headSeed: config.Seed + 1, classes);
            progress.Info($"weights: {weights.Describe()}");
        }
        else
            progress.Warn("no --weights: training from scratch (random init). CheXNet starts from ImageNet " +
                          "weights; see scripts/convert_torchvision_weights.py");
        TransferState transfer = TransferState.Apply(model, config.Freeze);
        compute.Prepare(model);

        // ---- optimizer ----------------------------------------------------------------------------------------
        var groups = transfer.Groups(model, config.BackboneLrMultiplier);
        double[] learningRates = state.LearningRates.Count == groups.Count
            ? state.LearningRates.ToArray()
            : TrainerOptimizer.InitialLearningRates(config, groups);
        using var optimizer = TrainerOptimizer.Create(config, groups, learningRates);
        if (resumed) Checkpoint.Restore(run.LastCheckpoint, model, optimizer);
        var scheduler = new PlateauScheduler(config.PlateauFactor, config.PlateauPatience, config.PlateauThreshold,
            config.MinLearningRate);
        scheduler.Restore(state.Plateau);
        var stopping = new EarlyStopping(config.EarlyStoppingPatience);
        stopping.Restore(state.EarlyStopping);
        var history = state.History.ToList();

        var facts = new TrainingFacts(compute.Describe(), compute.Precision, compute.ChannelsLast,
            deviceImages is not null, compute.Threads, transfer.Policy.Text, transfer.FrozenChildren,
            transfer.Counts.Total, transfer.Counts.Trainable, transfer.Counts.TrainableBackbone,
            transfer.Counts.TrainableHead, posWeights);
        run.Create();
        if (!resumed)
            TrainConfigLoader.Write(run.Config, config,
                new { facts, pack_sha256 = packHash, weights, classes = pack.Classes });
        progress.Info(
            $"model: DenseNet ({transfer.Counts.Trainable:N0} of " +
            $"{transfer.Counts.Total:N0} parameters trainable, freeze " +
            $"{transfer.Policy.Text}); {compute.Describe()}");

        // ---- loop ---------------------------------------------------------------------------------------------
        bool interrupted = false;
        string? finished = FinishedReason(state.Epoch, config, stopping);
        int epochsThisInvocation = 0;
        for (int epoch = state.Epoch + 1; finished is null; epoch++)
        {
            if (options.StopAfterEpochs is { } limit && epochsThisInvocation >= limit)
            {
                interrupted = true;
                break;
            }
            var clock = Stopwatch.StartNew();
            (double trainLoss, int images) = TrainEpoch(model, transfer, optimizer, learningRates, pack, trainRows,
                assembler, deviceImages, posWeight, compute, config, epoch, progress, cancel);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            EvalResult val = ValidationPass.Run(model, pack, valRows, assembler, compute, config.BatchSize,
                posWeight, progress, $"epoch {epoch}/{config.Epochs} validation", cancel);

            double lrUsed = learningRates[^1];
            bool best = stopping.Record(epoch, val.Loss);
            bool lowered = scheduler.Step(val.Loss, learningRates);
            history.Add(new EpochMetrics(epoch, lrUsed, trainLoss, val.Loss, val.MeanAuroc, val.Auroc,
                clock.Elapsed.TotalSeconds, images / trainSeconds, best));
            finished = FinishedReason(epoch, config, stopping);
            state = new TrainerState
            {
                Epoch = epoch, LearningRates = learningRates.ToArray(), Plateau = scheduler.Save(),
                EarlyStopping = stopping.Save(), History = history.ToList(), StartingWeights = weights,
                PackSha256 = packHash,
                Finished = finished,
            };

            MetricsCsv.Write(run.Metrics, pack.Classes, history);
            Checkpoint.Save(run.LastCheckpoint, config, state, model, optimizer);
            if (best) Checkpoint.Save(run.BestCheckpoint, config, state, model, optimizer: null);
            epochsThisInvocation++;
            progress.Info(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}: train loss {trainLoss:F4}, val loss {val.Loss:F4}, val mean AUROC " +
                $"{Format(val.MeanAuroc)}, gap {val.Loss - trainLoss:+0.0000;-0.0000}, lr {lrUsed:G3}" +
                $"{(best ? ", best" : "")}{(lowered ? $"; lr → {learningRates[^1]:G3}" : "")}"));
            if (finished == "early-stopping") progress.Warn(EarlyStopMessage(history, stopping));
        }

        // ---- teardown -----------------------------------------------------------------------------------------
        if (interrupted) return new TrainResult(run, config, state, null, null, Interrupted: true);
        ModelCard card = ModelExport.Write(run, config, state, pack, packHash, trainRows.Length, valRows.Length,
            geometry, facts, weights, progress);
        TrainResult? baseline = null;
        if (config.Baseline == BaselineRun.Scratch && config.Weights is not null)
        {
            baseline = ScratchBaseline.Run(run, config, state.Epoch, options, progress, cancel);
            card = ScratchBaseline.Compare(card, baseline, run, progress);
        }
        return new TrainResult(run, config, state, card, baseline, Interrupted: false);
    }

    /// <summary>One pass over the shuffled training split;
    /// returns the mean loss over known labels and the images seen.</summary>
    private static (double Loss, int Images) TrainEpoch(DenseNet model, TransferState transfer,
        torch.optim.Optimizer optimizer, double[] learningRates, DatasetPack pack, int[] trainRows,
        BatchAssembler assembler, DeviceImages? deviceImages, Tensor? posWeight, ComputeSettings compute,
        TrainConfig config, int epoch, IProgressSink progress, CancellationToken cancel)
    {
        int[] order = EpochOrder.Shuffle(trainRows, config.Seed, epoch);
        int batchSize = config.BatchSize;
        // A last batch of one sample is dropped: BatchNorm cannot normalise a single value per channel.
        int steps = order.Length / batchSize + (order.Length % batchSize >= 2 ? 1 : 0);
        if (config.MaxStepsPerEpoch > 0) steps = Math.Min(steps, config.MaxStepsPerEpoch);
        int i = 0;
        foreach (var g in optimizer.ParamGroups) g.LearningRate = learningRates[i++];

        Batch Build(int step)
        {
            int start = step * batchSize;
            int[] rows = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            SampleView[] views = rows
                .Select((_, k) => assembler.Geometry.ForTraining(config.Seed, epoch, step * batchSize + k)).ToArray();
            return deviceImages is not null
                ? assembler.FromDevice(deviceImages, pack, rows, views, training: true)
                : assembler.FromPack(pack, rows, views, training: true, pin: compute.IsCuda);
        }

        transfer.Train(model);
        using Tensor lossSum = torch.zeros(1, ScalarType.Float64, compute.Device);
        using Tensor knownSum = torch.zeros(1, ScalarType.Float64, compute.Device);
        using IProgressTask task = progress.Start($"epoch {epoch}/{config.Epochs} training", steps);
        // GPU-resident images are cut on the device in this thread;
        // pack images are prepared ahead on a background thread.
        using BatchProducer? producer = deviceImages is null
            ? new BatchProducer(steps, Build, config.PrefetchBatches, cancel)
            : null;
        IEnumerable<Batch> batches = producer?.Read() ?? Enumerable.Range(0, steps).Select(Build);
        int images = 0, step = 0;
        foreach (Batch batch in batches)
        {
            using (batch)
            {
                cancel.ThrowIfCancellationRequested();
                (Tensor weighted, Tensor known) = TrainingStep.Run(model, optimizer, batch, posWeight, compute);
                // Accumulated on the device: loss.item() here would make the CPU wait for the GPU at every step.
                using (weighted) lossSum.add_(weighted);
                using (known) knownSum.add_(known);
                images += batch.Size;
            }
            NativeMemory.AfterStep(++step);
            task.Advance();
            if (step % 10 == 0) // a GPU sync point, so only every 10 steps
                task.Describe(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch}/{config.Epochs} training, loss {Mean(lossSum, knownSum):F4}"));
        }
        return (Mean(lossSum, knownSum), images);
    }

    private static double Mean(Tensor sum, Tensor count)
    {
        using var scope = torch.NewDisposeScope();
        return (sum / count.clamp_min(1)).item<double>();
    }

    /// <summary>Why the run stopped, naming overfitting only when the numbers show it (training loss still falling
    /// while the gap grew).</summary>
    private static string EarlyStopMessage(IReadOnlyList<EpochMetrics> history, EarlyStopping stopping)
    {
        EpochMetrics best = history[stopping.BestEpoch - 1], last = history[^1];
        bool overfitting = last.TrainLoss < best.TrainLoss && last.Gap > best.Gap;
        string why = overfitting
            ? ": training loss kept falling while validation did not, the model was overfitting"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"stopped early after epoch {last.Epoch}: validation loss has not improved for " +
            $"{stopping.EpochsSinceBest} epochs (best epoch {best.Epoch}); train/val gap " +
            $"{best.Gap:+0.0000;-0.0000} then, {last.Gap:+0.0000;-0.0000} now{why}");
    }

    private static string? FinishedReason(int epoch, TrainConfig config, EarlyStopping stopping) =>
        stopping.ShouldStop ? "early-stopping" : epoch >= config.Epochs ? "epochs" : null;

    private static int[] SplitRows(DatasetPack pack, string split, string path)
    {
        int[] rows = pack.Entries.Where(e => e.Split == split).Select(e => e.Row).ToArray();
        if (rows.Length == 0)
        {
            var present = pack.Entries.Select(e => e.Split).Distinct().Order();
            throw ChestDxException.ForFile(path,
                $"split '{split}' has no images (splits in the pack: {string.Join(", ", present)}); "
                + EmptySplits.Fix(pack.Info, split));
        }
        return rows;
    }

    private static DeviceImages? PlaceImages(TrainConfig config, ComputeSettings compute, DatasetPack pack,
        int[] trainRows, IProgressSink progress)
    {
        double gb = (double)trainRows.Length * pack.ImageSize * pack.ImageSize / 1e9;
        bool on = config.DataOnDevice switch
        {
            AutoSwitch.On => true,
            AutoSwitch.Off => false,
            _ => compute.IsCuda && gb <= config.DeviceDataMaxGb,
        };
        if (!on) return null;
        progress.Info(string.Create(CultureInfo.InvariantCulture,
            $"training images on the {compute.Device.type.ToString().ToLowerInvariant()} as uint8 ({gb:F2} GB)"));
        return new DeviceImages(pack, trainRows, compute.Device);
    }

    internal static string Format(double? auroc) =>
        auroc is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
