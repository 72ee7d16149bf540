using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Models;

/// <summary>What runs the network at prediction (<c>chestdx predict --engine</c>).</summary>
[JsonConverter(typeof(ChoiceJsonConverter<InferenceEngine>))]
public enum InferenceEngine
{
    /// <summary>
    /// "torchsharp": libtorch through TorchSharp, on a ChestDx model file or run directory (CPU or CUDA).
    /// </summary>
    Torchsharp,

    /// <summary>
    /// "onnxruntime": ONNX Runtime's CPU build on an ONNX file (<c>chestdx export MODEL --out FILE.onnx</c>, or a
    /// DenseNet exported by PyTorch); needs no libtorch.
    /// </summary>
    Onnxruntime,
}
