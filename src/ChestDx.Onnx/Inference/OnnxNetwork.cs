using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Onnx.Export;
using Microsoft.ML.OnnxRuntime;

namespace ChestDx.Onnx.Inference;

/// <summary>
/// One forward pass: logits (batch × classes) and, when the graph exposes them, the final feature maps.
/// </summary>
public sealed record NetworkOutput(float[] Logits, float[]? Features, int[] FeatureShape);

/// <summary>
/// An ONNX DenseNet in an ONNX Runtime session (CPU execution provider): ChestDx's exports (input <c>x</c>, outputs
/// <c>logits</c> and <c>features</c>, ChestDx metadata) and DenseNets exported by PyTorch (one input, an output named
/// <c>logits</c> or the only output; no ChestDx metadata, so the model-file defaults are assumed and said so:
/// <see cref="ModelPackage.FromMetadata"/>).
/// </summary>
public sealed class OnnxNetwork : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _logits;
    private readonly string? _features;

    private OnnxNetwork(InferenceSession session, ModelPackage package, string path, string input, string logits,
        string? features)
    {
        _session = session;
        Package = package;
        Path = path;
        _input = input;
        _logits = logits;
        _features = features;
    }

    public ModelPackage Package { get; }

    /// <summary>The .onnx file.</summary>
    public string Path { get; }

    /// <summary>True when the graph outputs the final feature maps (class activation maps are possible).</summary>
    public bool HasFeatures => _features is not null;

    /// <param name="threads">Intra-op threads; 0 lets ONNX Runtime choose (one per physical core).</param>
    public static OnnxNetwork Load(string path, int threads = 0)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "ONNX model not found");
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
        };
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw ChestDxException.ForFile(path, $"ONNX Runtime cannot load it: {FirstLine(e.Message)}", e);
        }
        try
        {
            ModelPackage package = ModelPackage.FromMetadata(session.ModelMetadata.CustomMetadataMap, path);
            if (session.InputMetadata.Count != 1)
                throw ChestDxException.ForFile(path, $"{session.InputMetadata.Count} graph inputs; a DenseNet has one");
            (string input, NodeMetadata inputMeta) = session.InputMetadata.First();
            int[] dims = inputMeta.Dimensions;
            if (dims.Length != 4)
                throw ChestDxException.ForFile(path, $"input '{input}' has {dims.Length} dimensions, expected NCHW");
            if (dims[1] > 0 && dims[1] != package.InputChannels)
                throw ChestDxException.ForFile(path, $"input '{input}' has {dims[1]} channels but the model "
                    + $"{(package.Assumed ? "is assumed to have" : "says")} {package.InputChannels}");
            if (dims[2] > 0 && dims[2] != package.InputSize)
                throw ChestDxException.ForFile(path, $"input '{input}' is {dims[2]} px but the model "
                    + $"{(package.Assumed ? "is assumed to take" : "says")} {package.InputSize}");
            IReadOnlyDictionary<string, NodeMetadata> outputs = session.OutputMetadata;
            string logits = outputs.ContainsKey(DenseNetGraph.LogitsName) ? DenseNetGraph.LogitsName
                : outputs.Count == 1 ? outputs.Keys.First()
                : throw ChestDxException.ForFile(path, $"no output named '{DenseNetGraph.LogitsName}' among "
                    + string.Join(", ", outputs.Keys));
            int[] logitDims = outputs[logits].Dimensions;
            if (logitDims.Length != 2 || (logitDims[1] > 0 && logitDims[1] != package.Classes.Count))
                throw ChestDxException.ForFile(path, $"output '{logits}' has shape [{string.Join(", ", logitDims)}] "
                    + $"but the model has {package.Classes.Count} classes");
            string? features = outputs.TryGetValue(DenseNetGraph.FeaturesName, out NodeMetadata? f)
                && f.Dimensions.Length == 4 ? DenseNetGraph.FeaturesName : null;
            return new OnnxNetwork(session, package, path, input, logits, features);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="batch"/> inputs (batch × channels × H × H values).</summary>
    public NetworkOutput Run(float[] inputs, int batch, bool withFeatures)
    {
        int h = Package.InputSize;
        long[] shape = [batch, Package.InputChannels, h, h];
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        string[] names = withFeatures && _features is not null ? [_logits, _features] : [_logits];
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results =
            _session.Run(runOptions, [_input], [input], names);
        float[] logits = results[0].GetTensorDataAsSpan<float>().ToArray();
        if (names.Length == 1) return new NetworkOutput(logits, null, []);
        int[] featureShape = results[1].GetTensorTypeAndShape().Shape.Select(d => (int)d).ToArray();
        return new NetworkOutput(logits, results[1].GetTensorDataAsSpan<float>().ToArray(), featureShape);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    public void Dispose() => _session.Dispose();
}
