using ChestDx.Core.Models;

namespace ChestDx.Training.Import;

/// <summary>What <c>chestdx import-model</c> converts, with every choice parsed.</summary>
public sealed record ModelImportRequest
{
    /// <summary>The checkpoint: a PyTorch pickle (any torch.save format) or a state_dict in safetensors.</summary>
    public required string Source { get; init; }

    /// <summary>The ChestDx model file to write.</summary>
    public required string Output { get; init; }

    /// <summary>What the source is; null: detected from its contents.</summary>
    public ModelSourceFormat? Format { get; init; }

    /// <summary>
    /// torchxrayvision weights whose published operating points to store; null: from the released file name, else none.
    /// </summary>
    public XrvWeightsKey? WeightsKey { get; init; }

    /// <summary>Python with PyTorch for pickles; null: $CHESTDX_PYTHON, python3, /usr/bin/python3.</summary>
    public string? Python { get; init; }
}

/// <summary>What was imported.</summary>
/// <param name="Package">The model file's description, as written.</param>
/// <param name="ConvertedWithPython">The source was a pickle, converted by the embedded script.</param>
/// <param name="WeightsKey">The torchxrayvision weights key whose operating points were stored, or null.</param>
/// <param name="Notes">What the user should know (assumptions, differences from the source's preprocessing).</param>
public sealed record ModelImportOutcome(
    string Output, ModelPackage Package, bool ConvertedWithPython, XrvWeightsKey? WeightsKey,
    IReadOnlyList<string> Notes);
