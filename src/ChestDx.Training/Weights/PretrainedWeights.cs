using System.Text.Json.Serialization;
using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>
/// Starts a DenseNet from weights trained elsewhere: torchvision's ImageNet densenet121 (safetensors, or zip-format
/// .pth), a CheXNet reproduction, or a ChestDx export. Names are normalised (<see cref="TorchvisionKeys"/>), BatchNorm
/// counters that 2017-era files lack are added as 0 (what PyTorch's BatchNorm._load_from_state_dict does), and a
/// classifier whose shape does not fit (ImageNet's 1000 classes) is replaced by a new head initialised as torchvision
/// initialises one. When both the file's classes and the model's are known (a ChestDx export says its own; a plain
/// 14-output file is taken as CheXNet's ChestX-ray14, as predict takes it) and they differ, heads are matched by class
/// name through <see cref="ClassMatch"/>: a class of the model that is the same finding as one of the file keeps that
/// row of the file's classifier, the model's other classes get fresh heads, and the file's unmatched classes are
/// dropped and listed in the report. Anything else that does not fit is an error naming the keys: a silently
/// half-loaded backbone (MONAI drops mismatched keys without a word) trains, but not from the weights the user
/// asked for.
/// </summary>
public static class PretrainedWeights
{
    /// <param name="model">Receives the weights; its parameters keep requires_grad.</param>
    /// <param name="path">Weights file (format detected from its bytes).</param>
    /// <param name="headSeed">Seeds the new head's initialisation when the file's head is replaced.</param>
    /// <param name="classes">
    /// The model's classes in output order; null when unknown (then only the head's size decides).
    /// </param>
    /// <param name="forceNewHead">
    /// Replace the classifier even when the file's fits (fine-tune a 14-class model on new labels).
    /// </param>
    public static WeightsReport Load(DenseNet model, string path, long headSeed, ClassSet? classes = null,
        bool forceNewHead = false)
    {
        WeightFileFormat format = WeightFile.Detect(path);
        using StateDict weights = WeightFile.Read(path);
        if (weights.Count == 0) throw ChestDxException.ForFile(path, "the file holds no tensors");
        KeyFixes fixes = TorchvisionKeys.Normalise(weights);

        Dictionary<string, Tensor> target = model.state_dict();
        int counters = AddMissingBatchCounters(weights, target.Keys);
        HeadSource head = ChooseHead(weights, target, forceNewHead, path);
        HeadClasses? headClasses = null;
        if (classes is not null && head is HeadSource.FromFile or HeadSource.NewClassCountDiffers
            && FileClasses(weights, target, path) is { } fileClasses && !fileClasses.Equals(classes))
        {
            ClassMatch match = ClassMatch.Between(classes, fileClasses);
            MatchHeads(model, weights, match, headSeed);
            head = HeadSource.MatchedByName;
            headClasses = new HeadClasses(fileClasses.Id, match.Matched.Select(m => m.LeftName).ToList(),
                match.LeftOnly, match.RightOnly);
        }
        else if (head != HeadSource.FromFile)
        {
            weights.Remove($"{DenseNet.ClassifierName}.weight")?.Dispose();
            weights.Remove($"{DenseNet.ClassifierName}.bias")?.Dispose();
            // The model's current head is what gets kept; make it a fresh torchvision head from the seed.
            using var generator = new Generator((ulong)headSeed);
            ModelInit.LinearHead(model.Classifier, generator);
            foreach ((string key, Tensor t) in target.Where(kv =>
                         kv.Key.StartsWith(DenseNet.ClassifierName + ".", StringComparison.Ordinal)))
                weights.Add(key, t.detach().cpu().clone());
        }

        ModelWeights.Load(model, weights, path);
        EnsureTrainable(model, path);
        (int channels, InputScaling scaling) = InputOf(weights.Metadata, path);
        string sha256 = WeightFile.Sha256(path);
        return new WeightsReport(Path.GetFullPath(path), format, sha256, fixes, counters, head, headClasses)
        {
            InputChannels = channels, InputScaling = scaling,
        };
    }

    /// <summary>
    /// The input channels and pixel scaling the weights in <paramref name="path"/> expect: a model file's
    /// (an imported torchxrayvision model: 1 channel, xrv), else torchvision's 3 channels with ImageNet scaling. A run
    /// builds its network and scales its pack's images this way, so the weights see inputs as they were trained on.
    /// </summary>
    public static (int Channels, InputScaling Scaling) InputOf(string path) =>
        WeightFile.Detect(path) == WeightFileFormat.SafeTensors
            ? InputOf(SafeTensorsFile.ReadHeader(path).Metadata, path)
            : (3, InputScaling.Imagenet);

    private static (int Channels, InputScaling Scaling) InputOf(IReadOnlyDictionary<string, string> metadata,
        string path)
    {
        ModelPackage package = ModelPackage.FromMetadata(metadata, path);
        // The converter's output for a torchxrayvision file (not yet imported): its weights expect xrv's input.
        if (package.Assumed && metadata.TryGetValue("chestdx.import.format", out string? format) && format == "xrv")
            return (1, InputScaling.Xrv);
        return (package.InputChannels, package.InputScaling);
    }

    /// <summary>
    /// The classes of the file's classifier when the file says them (ChestDx metadata), or ChestX-ray14 for a plain
    /// file with 14 outputs (CheXNet reproductions, as <see cref="ModelPackage.FromMetadata"/> assumes); null when
    /// unknown or when the classifier's input width is not the model's (the strict load reports that).
    /// </summary>
    private static ClassSet? FileClasses(StateDict weights, Dictionary<string, Tensor> target, string path)
    {
        long[] shape = weights[$"{DenseNet.ClassifierName}.weight"].shape;
        if (shape.Length != 2 || shape[1] != target[$"{DenseNet.ClassifierName}.weight"].shape[1]) return null;
        var package = ModelPackage.FromMetadata(weights.Metadata, path);
        if (package.Assumed && shape[0] != ClassSet.ChestXray14.Count) return null;
        return package.Classes.Count == shape[0] ? package.ClassSet : null;
    }

    /// <summary>
    /// Makes the file's classifier the model's shape: a fresh torchvision head from <paramref name="headSeed"/>, then
    /// each matched class's weight row and bias copied from the file's row of the same finding.
    /// </summary>
    private static void MatchHeads(DenseNet model, StateDict weights, ClassMatch match, long headSeed)
    {
        string w = $"{DenseNet.ClassifierName}.weight", b = $"{DenseNet.ClassifierName}.bias";
        using var generator = new Generator((ulong)headSeed);
        ModelInit.LinearHead(model.Classifier, generator);
        using Tensor fileW = weights.Remove(w)!, fileB = weights.Remove(b)!;
        Tensor newW = model.Classifier.weight!.detach().cpu().clone(),
            newB = model.Classifier.bias!.detach().cpu().clone();
        using (torch.no_grad())
        {
            foreach (MatchedClass m in match.Matched)
            {
                newW[m.Left].copy_(fileW[m.Right]);
                newB[m.Left].copy_(fileB[m.Right]);
            }
        }
        weights.Add(w, newW);
        weights.Add(b, newB);
    }

    /// <summary>
    /// Adds num_batches_tracked = 0 for each BatchNorm of the model that the file has statistics but no counter for.
    /// </summary>
    public static int AddMissingBatchCounters(StateDict weights, IEnumerable<string> modelKeys)
    {
        int added = 0;
        foreach (string key in modelKeys.Where(k => k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
        {
            string module = key[..^".num_batches_tracked".Length];
            if (weights.ContainsKey(key) || !weights.ContainsKey(module + ".running_mean")) continue;
            weights.Add(key, torch.tensor(0L));
            added++;
        }
        return added;
    }

    private static HeadSource ChooseHead(StateDict weights, Dictionary<string, Tensor> target, bool forceNewHead,
        string path)
    {
        string w = $"{DenseNet.ClassifierName}.weight", b = $"{DenseNet.ClassifierName}.bias";
        bool hasW = weights.ContainsKey(w), hasB = weights.ContainsKey(b);
        if (hasW != hasB)
            throw ChestDxException.ForFile(path, $"the classifier is incomplete: '{(hasW ? b : w)}' is missing");
        if (!hasW) return HeadSource.NewNoHeadInFile;
        if (forceNewHead) return HeadSource.NewRequested;
        // A head of another size (ImageNet's 1000 classes) cannot be used for these classes; a same-size head can.
        if (weights[w].shape.SequenceEqual(target[w].shape) && weights[b].shape.SequenceEqual(target[b].shape))
            return HeadSource.FromFile;
        if (weights[w].shape.Length == 2 && weights[w].shape[1] == target[w].shape[1])
            return HeadSource.NewClassCountDiffers;
        // Another feature width means another architecture: keep the head so the strict check reports it with the rest.
        return HeadSource.FromFile;
    }

    /// <summary>
    /// Guards against the PyBridge 1.4.4 failure mode: loaded parameters that no longer require gradients.
    /// </summary>
    private static void EnsureTrainable(DenseNet model, string path)
    {
        var frozen = model.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).ToList();
        if (frozen.Count > 0)
            throw new InvalidOperationException(
                $"{path}: {frozen.Count} parameters lost requires_grad while loading (first: {frozen[0]})");
    }
}

/// <summary>Where the classifier of a pretrained model came from.</summary>
public enum HeadSource
{
    /// <summary>The file's head fitted the classes and was kept.</summary>
    FromFile,
    /// <summary>The file's head has another number of classes (ImageNet: 1000) and was replaced.</summary>
    NewClassCountDiffers,
    /// <summary>The file has no classifier (a backbone-only export).</summary>
    NewNoHeadInFile,
    /// <summary>The caller asked for a new head.</summary>
    NewRequested,
    /// <summary>
    /// The file's classes differ from the model's: heads of the same finding were kept, the rest are new.
    /// </summary>
    MatchedByName,
}

/// <summary>How the file's classifier met the model's classes when they were matched by name.</summary>
/// <param name="FileClassSet">The id of the file's class set ("chestxray14", or "custom").</param>
/// <param name="Kept">The model's classes whose head came from the file, in the model's order.</param>
/// <param name="New">The model's classes the file has no head for: fresh heads.</param>
/// <param name="Dropped">The file's classes the model does not have: their heads were not used.</param>
public sealed record HeadClasses(
    string FileClassSet, IReadOnlyList<string> Kept, IReadOnlyList<string> New, IReadOnlyList<string> Dropped);

/// <summary>What was loaded, for the run log and the model card.</summary>
public sealed record WeightsReport(
    string Path, WeightFileFormat Format, string Sha256, KeyFixes KeyFixes, int BatchCountersAdded, HeadSource Head,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HeadClasses? HeadClasses = null)
{
    /// <summary>Input channels of the weights' stem (1: torchxrayvision); runs from older files read 3.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>The pixel scaling the weights expect; runs from older files read imagenet.</summary>
    public InputScaling InputScaling { get; init; } = InputScaling.Imagenet;

    public bool NewHead => Head != HeadSource.FromFile;

    public string Describe() =>
        $"{System.IO.Path.GetFileName(Path)} ({Format}, sha256 {Sha256[..12]}…)"
        + (KeyFixes.LegacyKeysRenamed > 0 ? $", {KeyFixes.LegacyKeysRenamed} legacy keys renamed" : "")
        + (KeyFixes.StrippedPrefixes.Count > 0
            ? $", prefixes {string.Join(" ", KeyFixes.StrippedPrefixes)} stripped"
            : "")
        + (BatchCountersAdded > 0 ? $", {BatchCountersAdded} num_batches_tracked added" : "")
        + Head switch
        {
            HeadSource.FromFile => ", head from the file",
            HeadSource.NewClassCountDiffers => ", new head (the file's has another class count)",
            HeadSource.NewNoHeadInFile => ", new head (none in the file)",
            HeadSource.MatchedByName when HeadClasses is { } h =>
                $", heads matched by class name with the file's {h.FileClassSet} classes: {h.Kept.Count} kept"
                + (h.New.Count > 0 ? $", new: {string.Join(", ", h.New)}" : "")
                + (h.Dropped.Count > 0 ? $", dropped: {string.Join(", ", h.Dropped)}" : ""),
            _ => ", new head (requested)",
        };
}
