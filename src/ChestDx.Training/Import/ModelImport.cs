using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Training.Model;
using ChestDx.Training.Weights;

namespace ChestDx.Training.Import;

/// <summary>
/// The import stage (<c>chestdx import-model</c>): a chest X-ray DenseNet checkpoint in the form its authors publish it
/// (torchxrayvision, CheXNet reproductions, torchvision) → a ChestDx model file whose metadata says everything that
/// changes preprocessing and outputs (class set, input channels and scaling, geometry, operating points, source).
/// Pickles go through the embedded Python converter; safetensors state_dicts are read directly. The network is loaded
/// strictly into ChestDx's DenseNet and written back in torchvision's key order, so the file is both a ChestDx model
/// and a state_dict Python loads. Formats and their preprocessing: data-manifests/MODEL_FORMAT.md, "Importing models".
/// </summary>
public static class ModelImport
{
    private const string ImportPrefix = "chestdx.import.";

    public static ModelImportOutcome Run(ModelImportRequest request)
    {
        string source = request.Source;
        WeightFileFormat container = WeightFile.Detect(source);
        if (request.WeightsKey is not null && request.Format is { } f && f != ModelSourceFormat.Xrv)
            throw new ChestDxException("--weights-key applies to torchxrayvision models (--format xrv)");
        var notes = new List<string>();
        using var temp = new TempFolder();
        string safetensors = source;
        bool converted = false;
        if (container != WeightFileFormat.SafeTensors)
        {
            string python = PickleConversion.FindPython(request.Python) ?? throw ChestDxException.ForFile(source,
                "a PyTorch pickle: converting it needs Python with PyTorch, which was not found here "
                + $"(tried {request.Python ?? "$CHESTDX_PYTHON, python3, /usr/bin/python3"}); run `"
                + PickleConversion.ManualCommand(source, request.Format)
                + "` where PyTorch is installed and import the .safetensors file it writes");
            safetensors = Path.Combine(temp.Path, "converted.safetensors");
            PickleConversion.Convert(python, source, request.Format, safetensors);
            converted = true;
        }

        using StateDict weights = SafeTensors.Read(safetensors);
        if (weights.Metadata.ContainsKey("chestdx.format"))
            throw ChestDxException.ForFile(source, "already a ChestDx model file: nothing to import");
        bool legacyClassifier = weights.Keys.Any(k => k.EndsWith("classifier.0.weight", StringComparison.Ordinal));
        bool wrapped = weights.Keys.Any(k => k.StartsWith("module.densenet121.", StringComparison.Ordinal)
                                            || k.StartsWith("densenet121.", StringComparison.Ordinal));
        KeyFixes fixes = TorchvisionKeys.Normalise(weights);
        (DenseNetConfig config, int channels) = WeightsShape.Infer(weights, source);
        ModelSourceFormat format = request.Format
            ?? ConverterFormat(weights, source)
            ?? Detect(channels, wrapped || fixes.LegacyKeysRenamed > 0, legacyClassifier);
        bool sigmoidRemoved = weights.Metadata.TryGetValue(ImportPrefix + "sigmoid_removed", out string? s)
            ? s == "true"
            : legacyClassifier && format is ModelSourceFormat.Chexnet or ModelSourceFormat.Jrzech;

        XrvWeightsKey? key = null;
        ModelPackage package = Describe(format, config, channels, source, weights, notes);
        if (format == ModelSourceFormat.Xrv)
        {
            key = request.WeightsKey ?? XrvOperatingPoints.FromFileName(source);
            if (key is { } k) package = package with { OperatingPoints = XrvOperatingPoints.For(k) };
            else
                notes.Add("no operating points stored: pass --weights-key all|nih|pc|chex|mimic_nb|mimic_ch|rsna "
                          + "to store torchxrayvision's published ones (predict --operating-points uses them)");
        }
        package = package with
        {
            Source = new ModelSource
            {
                Format = format, File = Path.GetFileName(source), Sha256 = WeightFile.Sha256(source),
                SigmoidRemoved = sigmoidRemoved,
            },
        };
        package.Check();
        if (sigmoidRemoved)
            notes.Add("the source's classifier ended in a Sigmoid: the file holds logits and ChestDx applies the "
                      + "sigmoid once");

        using var net = new DenseNet(config, inputChannels: channels);
        PretrainedWeights.AddMissingBatchCounters(weights, net.state_dict().Keys);
        foreach (string extra in weights.Keys.Where(k => k == "op_threshs").ToList()) weights.Remove(extra)?.Dispose();
        ModelWeights.Load(net, weights, source);
        package.Write(request.Output, net);
        return new ModelImportOutcome(request.Output, package, converted, key, notes);
    }

    /// <summary>The format the Python converter recorded, when the file came from it.</summary>
    private static ModelSourceFormat? ConverterFormat(StateDict weights, string source) =>
        weights.Metadata.TryGetValue(ImportPrefix + "format", out string? name)
            ? Choice<ModelSourceFormat>.TryParse(name, out ModelSourceFormat f)
                ? f
                : throw ChestDxException.ForFile(source, $"unknown {ImportPrefix}format '{name}'")
            : null;

    /// <summary>
    /// A state_dict's format from its layout: one input channel is torchxrayvision; CheXNet wrappers or 2017 names are
    /// arnoweng/zoogzog; a Sequential head with current names is jrzech; anything else torchvision.
    /// </summary>
    private static ModelSourceFormat Detect(int channels, bool chexnetLayout, bool sequentialHead) =>
        channels == 1 ? ModelSourceFormat.Xrv
        : chexnetLayout ? ModelSourceFormat.Chexnet
        : sequentialHead ? ModelSourceFormat.Jrzech
        : ModelSourceFormat.Torchvision;

    /// <summary>Classes, channels, scaling and geometry each format's authors use (notes in MODEL_FORMAT.md).</summary>
    private static ModelPackage Describe(ModelSourceFormat format, DenseNetConfig config, int channels, string source,
        StateDict weights, List<string> notes)
    {
        int classes = config.NumClasses;
        switch (format)
        {
            case ModelSourceFormat.Xrv:
                RequireClasses(source, classes, ClassSet.TorchXrayVision, "torchxrayvision DenseNet");
                CheckTargets(weights, source);
                notes.Add("preprocessing: torchxrayvision centre-crops to a square (XRayCenterCrop) and resizes to 224 "
                          + "with skimage (anti-aliased); ChestDx's nearest settings are aspect crop, image_size 224, "
                          + "eval_crop resize, so ingest or predict at 224 with --aspect crop; the resampling filters "
                          + "differ slightly");
                return new ModelPackage
                {
                    Architecture = config, Classes = ClassSet.TorchXrayVision.Names, InputSize = 224, ImageSize = 224,
                    EvalCrop = EvalCrop.Resize, Aspect = AspectMode.Crop, InputChannels = channels,
                    InputScaling = InputScaling.Xrv,
                };
            case ModelSourceFormat.Chexnet or ModelSourceFormat.Jrzech:
                RequireChannels(source, channels, 3, format);
                RequireClasses(source, classes, ClassSet.ChestXray14, "CheXNet reproduction");
                // arnoweng/zoogzog test: Resize(256) + TenCrop(224) (predict --tta); jrzech: Resize(224) + CenterCrop.
                return new ModelPackage
                {
                    Architecture = config, Classes = ClassSet.ChestXray14.Names, InputSize = 224,
                    ImageSize = format == ModelSourceFormat.Chexnet ? 256 : 224, EvalCrop = EvalCrop.Center,
                    Aspect = AspectMode.Crop,
                };
            default:
                RequireChannels(source, channels, 3, format);
                if (classes != ClassSet.ChestXray14.Count)
                    throw ChestDxException.ForFile(source, $"a torchvision DenseNet with {classes} outputs: only "
                        + "14-class (ChestX-ray14, CheXNet order) models import as they are; start training from "
                        + "other weights with `chestdx train --weights` (a new head is made)");
                return new ModelPackage
                {
                    Architecture = config, Classes = ClassSet.ChestXray14.Names, InputSize = 224, ImageSize = 256,
                    EvalCrop = EvalCrop.Center,
                };
        }
    }

    private static void RequireClasses(string source, int outputs, ClassSet expected, string what)
    {
        if (outputs != expected.Count)
            throw ChestDxException.ForFile(source,
                $"{outputs} outputs, but a {what} has {expected.Count} ({expected.Id})");
    }

    private static void RequireChannels(string source, int channels, int expected, ModelSourceFormat format)
    {
        if (channels != expected)
            throw ChestDxException.ForFile(source, $"conv0 takes {channels} channel(s), but a "
                + $"{Choice<ModelSourceFormat>.Name(format)} model takes {expected}; check --format");
    }

    /// <summary>
    /// A pickled torchxrayvision model that carries its <c>targets</c> must name xrv's 18 outputs in order ("" marks an
    /// output the weights were not trained for).
    /// </summary>
    private static void CheckTargets(StateDict weights, string source)
    {
        if (!weights.Metadata.TryGetValue(ImportPrefix + "targets", out string? json)) return;
        string[] targets = System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
        var expected = ClassSet.TorchXrayVision;
        for (int i = 0; i < targets.Length; i++)
            if (targets[i].Length > 0 && (i >= expected.Count || targets[i] != expected[i]))
                throw ChestDxException.ForFile(source, $"target {i} is '{targets[i]}', not torchxrayvision's "
                    + $"'{(i < expected.Count ? expected[i] : "(none)")}'");
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("chestdx-import-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary folder is harmless
            }
        }
    }
}
