using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Imaging.Overlays;
using ChestDx.Core.Progress;
using ChestDx.Training.Data;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Inference;

/// <summary>How to predict.</summary>
public sealed record PredictOptions
{
    /// <summary>
    /// Average the sigmoid outputs of torchvision's ten crops (CheXNet reproductions' test-time augmentation).
    /// Default off.
    /// </summary>
    public bool TenCrop { get; init; }

    /// <summary>Images per forward pass. Default 16 (×10 windows with ten-crop).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Directory for class activation map PNGs; null = none.</summary>
    public string? CamDirectory { get; init; }

    /// <summary>Heat maps for this many highest-probability findings per image. Default 3.</summary>
    public int CamTop { get; init; } = 3;

    /// <summary>
    /// Apply torchxrayvision's op_norm with the model's operating points (<see cref="OperatingPointNorm"/>): the
    /// outputs are then scores with 0.5 at each class's operating point, not probabilities. Default off.
    /// </summary>
    public bool OperatingPoints { get; init; }
}

public sealed record PredictResult(
    IReadOnlyList<string> Classes, IReadOnlyList<(string ImageId, float[] Probabilities)> Rows, int CamFiles);

/// <summary>
/// A trained model ready to predict: loaded from a run directory (RUN/model.safetensors) or a weights file, with the
/// input geometry it was trained with, on the chosen device. Predicts on any <see cref="IImageSource"/>.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly DenseNet _model;
    private readonly ComputeSettings _compute;
    private readonly BatchAssembler _assembler;

    private Predictor(DenseNet model, ModelPackage package, ComputeSettings compute, string source)
    {
        _model = model;
        Package = package;
        _compute = compute;
        Source = source;
        _assembler = new BatchAssembler(new ImageGeometry
        {
            PackSize = package.ImageSize, InputSize = package.InputSize,
            TrainResize = package.EvalCrop == EvalCrop.Resize,
            EvalResize = package.EvalCrop == EvalCrop.Resize,
        }, compute.ChannelsLast) { Scaling = package.InputScaling, Channels = package.InputChannels };
    }

    public ModelPackage Package { get; }

    /// <summary>The weights file the model came from.</summary>
    public string Source { get; }

    /// <param name="model">
    /// A run directory or a weights file (safetensors, or zip-format torch.save state_dict).
    /// </param>
    /// <param name="threads">libtorch intra-op threads while predicting; 0 = every core.</param>
    public static Predictor Load(string model, DeviceChoice device, IProgressSink progress,
        PrecisionChoice precision = PrecisionChoice.Auto, int threads = 0)
    {
        string file = Directory.Exists(model) ? new RunDirectory(model).Model : model;
        if (Directory.Exists(model) && !File.Exists(file))
            throw ChestDxException.ForFile(model, File.Exists(new RunDirectory(model).LastCheckpoint)
                ? "the run has no model.safetensors yet (it has not finished: continue it with train --resume)"
                : "not a run directory (no model.safetensors)");
        using StateDict weights = WeightFile.Read(file);
        ModelPackage package = ModelPackage.FromMetadata(weights.Metadata, file);
        if (package.Assumed)
            progress.Warn($"{file} does not say what it is (not a ChestDx export): assuming DenseNet-121 over the 14 "
                + "CheXNet classes, 224 px centre crop of 256 px images");
        TorchvisionKeys.Normalise(weights);
        var net = new DenseNet(package.Architecture, inputChannels: package.InputChannels);
        try
        {
            PretrainedWeights.AddMissingBatchCounters(weights, net.state_dict().Keys);
            ModelWeights.Load(net, weights, file);
            if (net.Config.NumClasses != package.Classes.Count)
                throw ChestDxException.ForFile(file,
                    $"{net.Config.NumClasses} outputs but {package.Classes.Count} class names");
            ComputeSettings compute = ComputeSettings.Resolve(device, precision, AutoSwitch.Auto, threads, progress);
            compute.Prepare(net);
            net.eval();
            return new Predictor(net, package, compute, file);
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    public PredictResult Predict(IImageSource source, PredictOptions options, IProgressSink progress,
        CancellationToken cancel = default)
    {
        IReadOnlyList<double>? points = null;
        if (options.OperatingPoints)
            points = Package.OperatingPoints ?? throw ChestDxException.ForFile(Source,
                "--operating-points: the model has no operating points (import a torchxrayvision model with "
                + "--weights-key, see data-manifests/MODEL_FORMAT.md)");
        if (options.CamDirectory is not null) Directory.CreateDirectory(options.CamDirectory);
        ImageGeometry g = _assembler.Geometry;
        IReadOnlyList<SampleView> views = options.TenCrop ? g.TenCrop() : [g.ForEvaluation()];
        var rows = new List<(string, float[])>(source.Count);
        CamSet? cams = options.CamDirectory is { } camFolder
            ? new CamSet(camFolder, Package.Classes, options.CamTop)
            : null;
        bool warnedSize = false;
        using IProgressTask task = progress.Start($"predicting {source.Description}", source.Count);
        using var inference = torch.inference_mode();
        Native.TorchThreads.Use(_compute.Threads);
        foreach (SourceImage[] chunk in source.Read(cancel).Chunk(options.BatchSize))
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            byte[][] pixels = chunk.Select(img => Fit(img, ref warnedSize, progress)).ToArray();
            SampleView[] batchViews = pixels.SelectMany(_ => views).ToArray();
            Tensor x = _assembler
                .Inputs(i => pixels[i / views.Count], Package.ImageSize, batchViews, training: false)
                .to(_compute.Device);
            Tensor features, logits;
            using (_compute.Autocast())
            {
                features = _model.ForwardFeatures(x);
                logits = _model.Classify(features);
            }
            // Ten-crop: the mean of the crops' probabilities, as arnoweng/CheXNet's test loop does.
            float[] probabilities = torch.sigmoid(logits.to(ScalarType.Float32))
                .view(chunk.Length, views.Count, -1).mean([1])
                .cpu().data<float>().ToArray();
            int classes = Package.Classes.Count;
            for (int i = 0; i < chunk.Length; i++)
            {
                float[] row = probabilities.AsSpan(i * classes, classes).ToArray();
                if (points is not null) OperatingPointNorm.Apply(row, points);
                rows.Add((chunk[i].ImageId, row));
            }
            if (cams is not null) WriteCams(cams, chunk, x, features, probabilities, views);
            task.Advance(chunk.Length);
        }
        cams?.WriteIndex();
        return new PredictResult(Package.Classes, rows, cams?.Files ?? 0);
    }

    /// <summary>
    /// The network's logits (B×classes, float32, CPU) for inputs already preprocessed as the model file says (B×C×H×W
    /// values after <see cref="InputNormalisation"/>): how tests compare with a source framework's outputs on the
    /// same input tensor.
    /// </summary>
    public float[] Logits(Tensor inputs)
    {
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        Tensor logits = _model.forward(inputs.to(_compute.Device));
        return logits.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
    }

    /// <summary>Heat maps of the top findings, drawn on the centre view (index 4 of the ten crops).</summary>
    private void WriteCams(CamSet cams, SourceImage[] chunk, Tensor x, Tensor features, float[] probabilities,
        IReadOnlyList<SampleView> views)
    {
        int classes = Package.Classes.Count, size = Package.InputSize;
        int centre = views.Count == 1 ? 0 : 4;
        for (int i = 0; i < chunk.Length; i++)
        {
            int window = i * views.Count + centre;
            byte[] grey = GreyOf(x[window]);
            ReadOnlySpan<float> p = probabilities.AsSpan(i * classes, classes);
            foreach (int c in cams.Top(p))
            {
                float[] cam = ClassActivationMap.Compute(features[window], _model.Classifier.weight!, c, size);
                cams.Write(chunk[i].ImageId, c, p[c], grey, cam, size);
            }
        }
    }

    /// <summary>The grey image the network saw (channel 0 with the input scaling undone).</summary>
    private byte[] GreyOf(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor grey = InputNormalisation.ToGrey01(input, Package.InputScaling);
        return (grey * 255).round().clamp(0, 255).to(ScalarType.Byte).cpu().contiguous().data<byte>().ToArray();
    }

    /// <summary>
    /// Brings an image to the model's S×S when its source has another size (triangle filter, as PNG input).
    /// </summary>
    private byte[] Fit(SourceImage img, ref bool warned, IProgressSink progress)
    {
        if (img.Size == Package.ImageSize) return img.Pixels;
        if (!warned)
        {
            progress.Warn($"images are {img.Size}×{img.Size} but the model was trained on "
                + $"{Package.ImageSize}×{Package.ImageSize}: resizing");
            warned = true;
        }
        using var image = Image.LoadPixelData<L8>(img.Pixels, img.Size, img.Size);
        image.Mutate(m => m.Resize(Package.ImageSize, Package.ImageSize, KnownResamplers.Triangle));
        var result = new byte[Package.ImageSize * Package.ImageSize];
        image.CopyPixelDataTo(result);
        return result;
    }

    public void Dispose() => _model.Dispose();
}
