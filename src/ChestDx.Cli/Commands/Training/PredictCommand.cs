using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Packs;
using ChestDx.Core.Predictions;
using ChestDx.Imaging.Normalisation;
using ChestDx.Training.Inference;
using ChestDx.Training.Settings;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Training;

/// <summary>
/// <c>chestdx predict --model RUN|WEIGHTS --data PACK|FILES… --out P.csv</c>: per-image probabilities for every class
/// (Training.Predictor), optionally with ten-crop averaging and class activation map overlays.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A training run directory or a weights file.", Required = true };
        var data = new Option<string[]>("--data") { Description = "A dataset pack directory, or image files (PNG, DICOM).", Required = true, AllowMultipleArgumentsPerToken = true };
        var split = new Option<string?>("--split") { Description = "With a pack: only this split (e.g. test). Default: every image." };
        var output = new Option<string>("--out") { Description = "predictions.csv to write (image_id + one probability column per class).", Required = true };
        var tta = new Option<bool>("--tta") { Description = "Average the ten crops (corners, centre, mirrored) as CheXNet reproductions do." };
        var cam = new Option<string?>("--cam") { Description = "Directory for class activation map overlays (PNG) of each image's top findings." };
        var camTop = new Option<int>("--cam-top") { Description = "Findings per image with a heat map.", DefaultValueFactory = _ => 3 };
        var device = ChoiceOption.Create("--device", "auto (CUDA when available), cpu or cuda.", DeviceChoice.Auto);
        var batchSize = new Option<int>("--batch-size") { Description = "Images per forward pass.", DefaultValueFactory = _ => 16 };

        var command = new Command("predict", "Predict the 14 findings' probabilities for a pack or image files with a trained model.")
        {
            model, data, split, output, tta, cam, camTop, device, batchSize,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            string[] inputs = parse.GetValue(data)!;
            string? splitName = parse.GetValue(split);
            if (parse.GetValue(batchSize) < 1) throw new ChestDxException("--batch-size must be at least 1");
            // Claim and probe the outputs before loading a model and predicting for an hour into a folder we cannot write.
            string path = parse.GetValue(output)!;
            using OutputLock writer = CliContext.LockFile(parse, path);
            AtomicFile.CheckWritable(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using OutputLock? camWriter = parse.GetValue(cam) is { } camFolder ? CliContext.LockDirectory(parse, camFolder) : null;
            if (camWriter is not null) AtomicFile.CheckWritable(camWriter.Output);
            var progress = context.CreateProgress();
            using Predictor predictor = Predictor.Load(parse.GetValue(model)!, device.Get(parse), progress);
            bool isPack = inputs.Length == 1 && File.Exists(Path.Combine(inputs[0], PackFormat.InfoFile));
            if (!isPack && splitName is not null) throw new ChestDxException("--split applies to a pack; --data lists image files");
            if (!isPack && inputs.FirstOrDefault(Directory.Exists) is { } folder)
                throw ChestDxException.ForFile(folder, "a directory that is not a dataset pack: pass a pack or image files");
            using PackImageSource? pack = isPack ? new PackImageSource(inputs[0], splitName) : null;
            IImageSource source = pack ?? (IImageSource)new ImageFileSource(inputs, predictor.Package.ImageSize, predictor.Package.Aspect);

            var options = new PredictOptions
            {
                TenCrop = parse.GetValue(tta), BatchSize = parse.GetValue(batchSize), CamDirectory = parse.GetValue(cam), CamTop = parse.GetValue(camTop),
            };
            PredictResult result = predictor.Predict(source, options, progress, cancel);
            PredictionsCsv.Write(path, result.Classes, result.Rows);
            context.Console.WriteLine($"{result.Rows.Count} predictions ({result.Classes.Count} classes{(options.TenCrop ? ", ten-crop" : "")}) from {predictor.Source} → {path}");
            if (options.CamDirectory is not null) context.Console.WriteLine($"{result.CamFiles} class activation maps → {options.CamDirectory}");
            return 0;
        });
        return command;
    }
}
