using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Recalibration;
using ChestDx.Imaging;

namespace ChestDx.Training.Inference;

/// <summary>
/// The prediction stage's entry point: loads the model, reads a pack (or one split of it) or image files normalised as
/// the model's pack was, predicts every class (optionally ten-crop), and writes predictions.csv and the class
/// activation maps. Locking the outputs against a second run is the caller's (the CLI's) business.
/// </summary>
public static class PredictionRun
{
    public static PredictionOutcome Run(
        PredictionRequest request, IProgressSink progress, CancellationToken cancel = default)
    {
        request.Validate();
        // Probe the outputs before loading a model and predicting for an hour into a folder we cannot write.
        string outputFolder = Path.GetDirectoryName(Path.GetFullPath(request.Output))!;
        Directory.CreateDirectory(outputFolder);
        AtomicFile.CheckWritable(outputFolder);
        if (request.Options.CamDirectory is { } camFolder)
        {
            Directory.CreateDirectory(camFolder);
            AtomicFile.CheckWritable(camFolder);
        }

        using Predictor predictor = Predictor.Load(request.Model, request.Device, progress,
            threads: request.Threads);
        ClassCalibration[]? calibration = request.Calibrated
            ? CalibratedProbabilities.ForClasses(predictor.Package, predictor.Source)
            : null;
        IReadOnlyList<string> inputs = request.Inputs;
        bool isPack = inputs.Count == 1 && File.Exists(Path.Combine(inputs[0], PackFormat.InfoFile));
        if (!isPack && request.Split is not null)
            throw new ChestDxException("--split applies to a pack; --data lists image files");
        if (isPack) ImageInputs.CheckPackKey(inputs[0], request.Pseudonyms);
        using PackImageSource? pack = isPack ? new PackImageSource(inputs[0], request.Split) : null;
        IImageSource source = pack ?? (IImageSource)new ImageFileSource(
            ImageInputs.Expand(inputs, new ImageLoadSettings(predictor.Package.ImageSize, predictor.Package.Aspect),
                progress.Warn, request.Pseudonyms),
            predictor.Package.ImageSize, predictor.Package.Aspect, request.Pseudonyms);

        PredictResult result = predictor.Predict(source, request.Options, progress, cancel);
        if (calibration is not null)
            result = result with
            {
                Rows = result.Rows
                    .Select(r => (r.ImageId, CalibratedProbabilities.Apply(calibration, r.Probabilities)))
                    .ToList(),
            };
        PredictOptions o = request.Options;
        PredictionsCsv.Write(request.Output, result.Classes, result.Rows,
            PredictionsCsv.IdHeader(o.OperatingPoints, calibration is not null),
            PredictionsProvenance.Describe(predictor.Source, predictor.Package, inputs, request.Split));
        return new PredictionOutcome(result, predictor.Source, request.Output, o.CamDirectory, o.TenCrop)
        {
            OperatingPoints = o.OperatingPoints, InputScaling = predictor.Package.InputScaling,
        };
    }
}
