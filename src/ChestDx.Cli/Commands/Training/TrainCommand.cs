using System.CommandLine;
using System.Globalization;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Transfer;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Training;

/// <summary>
/// <c>chestdx train --data PACK --out RUN</c>: the CheXNet recipe (Training.Trainer) with every knob reachable from a
/// JSON --config file, the named options below, or --set key=value; --resume continues RUN from its last checkpoint.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data")
        {
            Description = "Dataset pack directory (from `chestdx ingest`). Not needed with --resume.",
        };
        var output = new Option<string>("--out")
        {
            Description = "Run directory: config, metrics.csv, checkpoints, model.safetensors, model_card.json.",
            Required = true,
        };
        var config = new Option<string?>("--config")
        {
            Description = "JSON config file (snake_case keys of TrainConfig; a run's config.json works).",
        };
        var epochs = new Option<int?>("--epochs")
        {
            Description = "Epoch budget; early stopping may end sooner. [default: 20]",
        };
        var device = ComputeOptions.DeviceOptional();
        var threads = ComputeOptions.ThreadsOptional();
        var weights = new Option<string?>("--weights")
        {
            Description = "Pretrained weights (torchvision densenet121 safetensors or zip .pth, or a ChestDx model "
                + "file, e.g. from import-model: heads matched by class name, its input scaling kept); without: "
                + "from scratch.",
        };
        var freeze = ChoiceOption.Parsed<FreezePolicy?>("--freeze",
            "none | features | until:<layer> (e.g. until:denseblock2): layers kept fixed. [default: none]",
            FreezePolicy.Parse);
        var backboneLr = new Option<double?>("--backbone-lr-multiplier")
        {
            Description = "Backbone learning rate relative to the head's. [default: 1]",
        };
        var batchSize = new Option<int?>("--batch-size") { Description = "Minibatch size (CheXNet's). [default: 16]" };
        var lr = new Option<double?>("--lr") { Description = "Initial learning rate (CheXNet's). [default: 0.001]" };
        var inputSize = new Option<int?>("--input-size")
        {
            Description = "Network input side in pixels. [default: 224]",
        };
        var precision = ChoiceOption.CreateOptional<PrecisionChoice>("--precision",
            "auto, fp32 or bf16 (autocast). [default: auto]");
        var posWeight = new Option<bool?>("--pos-weight")
        {
            Description = "Weight positives by training prevalence (negatives/positives per class).",
        };
        var baseline = ChoiceOption.CreateOptional<BaselineRun>("--baseline",
            "scratch: also train from random init on the same budget and compare (negative transfer). "
            + "[default: none]");
        var seed = new Option<long?>("--seed")
        {
            Description = "Seed of initialisation, data order, augmentation and dropout. [default: 1337]",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Any config key: --set affine_degrees=10 --set model.drop_rate=0.2 (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the run in --out from checkpoints/last.ckpt (only epochs, device, threads… may "
                + "change).",
        };

        var command = new Command("train",
            "Train a CheXNet-style DenseNet-121 on a dataset pack (CPU or CUDA), with checkpoints, metrics and a "
            + "model card.")
        {
            data, output, config, epochs, device, threads, weights, freeze, backboneLr, batchSize, lr, inputSize,
            precision, posWeight, baseline, seed, set, resume,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            var overrides = new List<KeyValuePair<string, string>>();
            void Add(string key, object? value)
            {
                if (value is null) return;
                overrides.Add(new(key, value is bool b
                    ? (b ? "true" : "false")
                    : Convert.ToString(value, CultureInfo.InvariantCulture)!));
            }
            // The typed options join --set's key=value list in the config's own spelling: one list serves a new run
            // and --resume.
            void AddChoice<T>(string key, T? value) where T : struct, Enum =>
                Add(key, value is { } v ? Choice<T>.Name(v) : null);
            Add("data", parse.GetValue(data));
            Add("epochs", parse.GetValue(epochs));
            AddChoice("device", parse.GetValue(device));
            Add("threads", parse.GetValue(threads));
            Add("weights", parse.GetValue(weights));
            Add("freeze", parse.GetValue(freeze));
            Add("backbone_lr_multiplier", parse.GetValue(backboneLr));
            Add("batch_size", parse.GetValue(batchSize));
            Add("learning_rate", parse.GetValue(lr));
            Add("input_size", parse.GetValue(inputSize));
            AddChoice("precision", parse.GetValue(precision));
            Add("pos_weight", parse.GetValue(posWeight));
            AddChoice("baseline", parse.GetValue(baseline));
            Add("seed", parse.GetValue(seed));
            overrides.AddRange((parse.GetValue(set) ?? []).Select(TrainConfigLoader.ParseAssignment));

            string run = parse.GetValue(output)!;
            var progress = context.CreateProgress();
            TrainResult result;
            if (parse.GetValue(resume))
            {
                if (parse.GetValue(config) is not null)
                    throw new ChestDxException("--config cannot be used with --resume: the run's own config is used");
                // No folder, no run: Trainer.Resume says so without the lock creating an empty one.
                using OutputLock? writer = Directory.Exists(run) ? CliContext.LockDirectory(parse, run) : null;
                result = Trainer.Resume(run, overrides, new TrainOptions(), progress, cancel);
            }
            else
            {
                TrainConfig resolved = TrainConfigLoader.Load(parse.GetValue(config), overrides);
                using OutputLock writer = CliContext.LockDirectory(parse, run);
                result = Trainer.Run(resolved, run, new TrainOptions(), progress, cancel);
            }
            Render(context.Console, result);
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, TrainResult result)
    {
        var table = new Table().Title("epochs")
            .AddColumns("epoch", "lr", "train loss", "val loss", "gap", "val mean AUROC", "s", "best");
        foreach (EpochMetrics m in result.State.History)
            table.AddRow(m.Epoch.ToString(CultureInfo.InvariantCulture),
                m.LearningRate.ToString("G3", CultureInfo.InvariantCulture),
                F(m.TrainLoss), F(m.ValLoss), m.Gap.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture),
                F(m.ValMeanAuroc), m.Seconds.ToString("0.0", CultureInfo.InvariantCulture), m.IsBest ? "*" : "");
        console.Write(table);
        if (result.Baseline?.Card is { } scratch && result.Card is { } card)
        {
            var vs = new Table().Title("pretrained vs scratch (same data and epochs)")
                .AddColumns("", "best val loss", "best val mean AUROC");
            vs.AddRow("pretrained", F(card.BestValLoss), F(card.BestValMeanAuroc));
            vs.AddRow("scratch", F(scratch.BestValLoss), F(scratch.BestValMeanAuroc));
            console.Write(vs);
        }
        if (result.Interrupted)
            console.WriteLine($"stopped after epoch {result.State.Epoch}"
                + $"; continue with: chestdx train --out {result.Run.Path} --resume");
        else
        {
            console.WriteLine($"model: {result.Run.Model}");
            console.WriteLine($"model card: {result.Run.ModelCard}");
            console.WriteLine($"metrics: {result.Run.Metrics}");
        }
    }

    private static string F(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
