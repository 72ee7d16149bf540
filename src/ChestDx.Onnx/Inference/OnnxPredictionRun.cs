using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Recalibration;
using ChestDx.Imaging.Overlays;
using ChestDx.Onnx.Protobuf;

namespace ChestDx.Onnx.Inference;

/// <summary>What <see cref="OnnxPredictionRun.Run"/> predicted and wrote.</summary>
public sealed record OnnxPredictionOutcome(IReadOnlyList<string> Classes, int Rows, string Model, string Output,
    string? CamDirectory, int CamFiles, bool TenCrop, bool AssumedDefaults);

/// <summary>
/// <c>chestdx predict --engine onnxruntime</c>'s entry point: the TorchSharp run's behaviour (Training's
/// PredictionRun) with ONNX Runtime running the network: same images, same windows and input values
/// (<see cref="InputBatch"/>), probabilities σ(logit) (ten-crop: the mean of the crops' probabilities), the same
/// predictions.csv, and class activation maps when the graph outputs the feature maps (ChestDx's exports do).
/// </summary>
public static class OnnxPredictionRun
{
    public static OnnxPredictionOutcome Run(OnnxPredictionRequest request, IProgressSink progress,
        CancellationToken cancel = default)
    {
        request.Validate();
        string outputFolder = Path.GetDirectoryName(Path.GetFullPath(request.Output))!;
        Directory.CreateDirectory(outputFolder);
        AtomicFile.CheckWritable(outputFolder);
        if (request.CamDirectory is { } camFolder)
        {
            Directory.CreateDirectory(camFolder);
            AtomicFile.CheckWritable(camFolder);
        }

        using OnnxNetwork network = OnnxNetwork.Load(request.Model, request.Threads);
        ModelPackage package = network.Package;
        if (package.Assumed)
            progress.Warn($"{request.Model} has no ChestDx metadata (not a chestdx export): assuming the model file "
                + "defaults, DenseNet over the 14 CheXNet classes, 224 px centre crop of 256 px images, "
                + "ImageNet scaling, 3 channels");
        IReadOnlyList<double>? points = request.OperatingPoints
            ? package.OperatingPoints ?? throw ChestDxException.ForFile(request.Model,
                "the model has no operating points (--operating-points needs an imported torchxrayvision model)")
            : null;
        ClassCalibration[]? calibration = request.Calibrated
            ? CalibratedProbabilities.ForClasses(package, request.Model)
            : null;
        float[]? classifier = null;
        if (request.CamDirectory is not null)
        {
            classifier = network.HasFeatures ? ClassifierWeights(request.Model) : null;
            if (classifier is null)
                progress.Warn($"{request.Model} does not output the final feature maps ('features') with a "
                    + "'classifier.weight': no class activation maps (export with chestdx export MODEL --out "
                    + "FILE.onnx for them)");
        }

        var (count, description, images) = OnnxImageSource.Open(request.Inputs, request.Split, package.ImageSize,
            package.Aspect, progress.Warn, cancel, request.Pseudonyms);
        var batch = new InputBatch(package);
        IReadOnlyList<InputWindow> windows = request.TenCrop ? batch.TenCrop() : [batch.Centre()];
        int classes = package.Classes.Count, perImage = batch.ValuesPerImage;
        CamSet? cams = classifier is not null ? new CamSet(request.CamDirectory!, package.Classes, request.CamTop)
            : null;
        var rows = new List<(string, float[])>(count);
        using IProgressTask task = progress.Start($"predicting {description}", count);
        foreach (OnnxImage[] chunk in images.Chunk(request.BatchSize))
        {
            cancel.ThrowIfCancellationRequested();
            int n = chunk.Length * windows.Count;
            var inputs = new float[n * perImage];
            for (int i = 0; i < chunk.Length; i++)
                for (int v = 0; v < windows.Count; v++)
                    batch.Fill(chunk[i].Pixels, windows[v],
                        inputs.AsSpan((i * windows.Count + v) * perImage, perImage));
            NetworkOutput output = network.Run(inputs, n, withFeatures: classifier is not null);
            for (int i = 0; i < chunk.Length; i++)
            {
                var p = new float[classes];
                for (int v = 0; v < windows.Count; v++)
                    for (int c = 0; c < classes; c++)
                        p[c] += Sigmoid(output.Logits[(i * windows.Count + v) * classes + c]);
                for (int c = 0; c < classes; c++) p[c] /= windows.Count;
                // CAMs rank findings by the network's probabilities, as the TorchSharp run does.
                if (cams is not null)
                    WriteCams(cams, package, inputs, output, classifier!, i * windows.Count
                        + (windows.Count == 1 ? 0 : 4), chunk[i].ImageId, p);
                if (points is not null) OperatingPointNorm.Apply(p, points);
                rows.Add((chunk[i].ImageId, calibration is null ? p : CalibratedProbabilities.Apply(calibration, p)));
            }
            task.Advance(chunk.Length);
        }
        cams?.WriteIndex();
        PredictionsCsv.Write(request.Output, package.Classes, rows,
            PredictionsCsv.IdHeader(points is not null, calibration is not null),
            PredictionsProvenance.Describe(request.Model, package, request.Inputs, request.Split));
        return new OnnxPredictionOutcome(package.Classes, rows.Count, request.Model, request.Output,
            cams?.Directory, cams?.Files ?? 0, request.TenCrop, package.Assumed);
    }

    /// <summary>σ in float32 as torch.sigmoid computes it for the TorchSharp run.</summary>
    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    private static float[]? ClassifierWeights(string model) =>
        ProtoReader.FloatInitializer(File.ReadAllBytes(model), "classifier.weight")?.Values;

    /// <summary>Heat maps of the top findings on the centre window (index 4 of the ten crops), as TorchSharp's run.
    /// </summary>
    private static void WriteCams(CamSet cams, ModelPackage package, float[] inputs,
        NetworkOutput output, float[] classifier, int window, string imageId, float[] probabilities)
    {
        int size = package.InputSize, plane = size * size;
        int[] shape = output.FeatureShape;
        int perWindow = shape[1] * shape[2] * shape[3];
        var grey = new byte[plane];
        for (int i = 0; i < plane; i++)
        {
            float g = PixelScaling.Unscale(
                package.InputScaling, inputs[window * package.InputChannels * plane + i], 0);
            grey[i] = (byte)Math.Clamp(MathF.Round(g * 255), 0, 255);
        }
        ReadOnlySpan<float> features = output.Features.AsSpan(window * perWindow, perWindow);
        foreach (int c in cams.Top(probabilities))
        {
            float[] cam = OnnxCams.Compute(features, shape[1], shape[2], shape[3], classifier, c, size);
            cams.Write(imageId, c, probabilities[c], grey, cam, size);
        }
    }
}
