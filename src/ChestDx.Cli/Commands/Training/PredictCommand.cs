using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Ingest.Privacy;
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
        var model = new Option<string>("--model")
        {
            Description = "A training run directory or a weights file.", Required = true,
        };
        var data = new Option<string[]>("--data")
        {
            Description = "A dataset pack directory, or image files (PNG, JPEG, DICOM) and folders of them "
                + "(every image under a folder, ids relative to it).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var split = new Option<string?>("--split")
        {
            Description = "With a pack: only this split (e.g. test). [default: every image]",
        };
        var output = StandardOutput.FileOption("--out",
            "predictions.csv to write (image_id + one probability column per class).", "predictions.csv");
        var tta = new Option<bool>("--tta")
        {
            Description = "Average the ten crops (corners, centre, mirrored) as CheXNet reproductions do.",
        };
        var cam = new Option<string?>("--cam")
        {
            Description = "Directory for class activation map overlays (PNG) of each image's top findings.",
        };
        var camTop = new Option<int>("--cam-top")
        {
            Description = "Findings per image with a heat map.", DefaultValueFactory = _ => 3,
        };
        var device = ComputeOptions.Device();
        var threads = ComputeOptions.Threads();
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Images per forward pass.", DefaultValueFactory = _ => 16,
        };
        var calibrated = new Option<bool>("--calibrated")
        {
            Description = "Write the model's calibrated probabilities (chestdx calibrate); the id column is then "
                          + "headed 'image_id (calibrated)'.",
        };
        var operatingPoints = new Option<bool>("--operating-points")
        {
            Description = "Apply torchxrayvision's op_norm with the model's operating points: 0.5 becomes each "
                + "class's operating point (scores, not probabilities; the file's id header says so).",
        };
        var engine = ChoiceOption.Create("--engine",
            "torchsharp (libtorch; a model file or run) or onnxruntime (an .onnx file, no libtorch).",
            InferenceEngine.Torchsharp);

        var keyFile = new Option<string?>("--key-file")
        {
            Description = "Site key, as given to chestdx ingest: image ids become the ids ingest gave the same files "
                + "(DICOM: SOP Instance UID pseudonym; PNG/JPEG ingested without labels: path pseudonym; a "
                + "labels file's ids cannot be rebuilt from a file) and no file or folder name is written or "
                + $"printed; a pack must carry this key. Else ${Pseudonymiser.KeyVariable}. [default: none, ids are "
                + "the relative paths]",
        };
        var noPseudonym = new Option<bool>("--no-pseudonym")
        {
            Description = $"Ignore ${Pseudonymiser.KeyVariable}: ids are the relative paths (a pack: its own ids).",
        };

        var command = new Command("predict",
            "Predict the model's class probabilities for a pack or image files with a trained or imported model.")
        {
            model, data, split, output, tta, cam, camTop, device, threads, batchSize, calibrated, operatingPoints,
            engine, keyFile, noPseudonym,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            var request = new PredictionRequest
            {
                Model = parse.GetValue(model)!,
                Inputs = parse.GetValue(data)!,
                Split = parse.GetValue(split),
                Output = parse.GetValue(output)!,
                Device = device.Get(parse),
                Threads = parse.GetValue(threads),
                Calibrated = parse.GetValue(calibrated),
                Pseudonyms = InputPseudonyms.Resolve(parse.GetValue(keyFile), parse.GetValue(noPseudonym),
                    Environment.GetEnvironmentVariable),
                Options = new PredictOptions
                {
                    TenCrop = parse.GetValue(tta), BatchSize = parse.GetValue(batchSize),
                    CamDirectory = parse.GetValue(cam), CamTop = parse.GetValue(camTop),
                    OperatingPoints = parse.GetValue(operatingPoints),
                },
            };
            request.Validate();
            // Claim the outputs before loading a model and predicting for an hour (the run probes them writable).
            using OutputLock writer = CliContext.LockFile(parse, request.Output);
            using OutputLock? camWriter = request.Options.CamDirectory is { } camFolder
                ? CliContext.LockDirectory(parse, camFolder)
                : null;
            if (engine.Get(parse) == InferenceEngine.Onnxruntime) return OnnxPredict.Run(context, request, cancel);
            PredictionOutcome outcome = PredictionRun.Run(request, context.CreateProgress(), cancel);
            PredictResult result = outcome.Result;
            context.Console.WriteLine(
                $"{result.Rows.Count} predictions ({result.Classes.Count} classes"
                + $"{(outcome.TenCrop ? ", ten-crop" : "")}) from {outcome.ModelSource} → "
                + StandardOutput.Shown(outcome.Output));
            if (request.Calibrated)
                context.Console.WriteLine("The probabilities are calibrated (id column 'image_id (calibrated)').");
            if (outcome.OperatingPoints)
                context.Console.WriteLine("scores are op_norm values (0.5 = each class's operating point), "
                    + "not probabilities");
            if (outcome.CamDirectory is not null)
                context.Console.WriteLine($"{result.CamFiles} class activation maps → {outcome.CamDirectory}");
            return 0;
        });
        return command;
    }
}
