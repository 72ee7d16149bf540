using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Progress;

namespace ChestDx.Onnx.Export;

/// <summary>What <see cref="OnnxExport.Run"/> wrote.</summary>
public sealed record OnnxExportOutcome(string Output, ModelPackage Package, int Nodes, int Opset, long Bytes);

/// <summary>
/// The export stage's entry point (<c>chestdx export MODEL --out FILE.onnx</c>): a ChestDx model file
/// (data-manifests/MODEL_FORMAT.md) to an ONNX model of its DenseNet, read through Core's
/// <see cref="SafeTensorsFile"/> (no libtorch). The ONNX file has a dynamic batch axis, outputs <c>logits</c> and the
/// final feature maps <c>features</c> (for class activation maps), and carries the model's metadata
/// (<see cref="ModelPackage.ToMetadata"/>: class set, input channels, scaling, geometry) as metadata_props, so ONNX
/// Runtime predicts with the same preprocessing.
/// </summary>
public static class OnnxExport
{
    /// <summary>
    /// Opset 13 (ONNX 1.8): every operator used has had its current definition since then, and IR version 7 is what
    /// that release wrote, so runtimes and checkers back to ONNX 1.8 read the file.
    /// </summary>
    public const int Opset = 13;

    public const int IrVersion = 7;

    public static OnnxExportOutcome Run(string model, string output, IProgressSink progress)
    {
        if (!File.Exists(model)) throw ChestDxException.ForFile(model, "model file not found");
        using FileStream stream = SafeTensorsFile.OpenRead(model);
        SafeTensorsHeader header = SafeTensorsFile.ReadHeader(stream, model);
        ModelPackage package = ModelPackage.FromMetadata(header.Metadata, model);
        if (package.Assumed)
            progress.Warn($"{model} does not say what it is (not a ChestDx model file): exporting it as DenseNet-121 "
                + "over the 14 CheXNet classes, 224 px centre crop of 256 px images, ImageNet scaling");
        var entries = header.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        OnnxGraph graph = DenseNetGraph.Build(package, name =>
        {
            if (!entries.TryGetValue(name, out SafeTensorsEntry? entry))
                throw ChestDxException.ForFile(model, $"no tensor '{name}': export reads ChestDx model files "
                    + "(torchvision names); convert other checkpoints with chestdx import-model first");
            return (entry.Shape, SafeTensorsFile.ReadFloat32(stream, header, entry, model));
        }, model);

        AtomicFile.Write(output, s => graph.Write(s, IrVersion, Opset, "ChestDx", Version(),
            $"DenseNet over {string.Join(", ", package.Classes)}: sigmoid(logits) are the probabilities",
            package.ToMetadata()));
        return new OnnxExportOutcome(output, package, graph.Nodes.Count, Opset, new FileInfo(output).Length);
    }

    private static string Version() =>
        typeof(OnnxExport).Assembly.GetName().Version?.ToString(3) ?? "0";
}
