using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Models;

/// <summary>Where an imported model's weights came from (model metadata chestdx.source), for the model card.</summary>
public sealed record ModelSource
{
    /// <summary>The format of the file that was converted.</summary>
    public required ModelSourceFormat Format { get; init; }

    /// <summary>The converted file's name (no folders).</summary>
    public required string File { get; init; }

    /// <summary>SHA-256 of the converted file, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>
    /// True when the source's classifier ended in a Sigmoid (CheXNet reproductions): the converter kept the Linear
    /// layer only, so the file holds logits and ChestDx applies the sigmoid once, as for its own models.
    /// </summary>
    public bool SigmoidRemoved { get; init; }
}

/// <summary>The checkpoint formats <c>chestdx import-model</c> converts.</summary>
[JsonConverter(typeof(ChoiceJsonConverter<ModelSourceFormat>))]
public enum ModelSourceFormat
{
    /// <summary>"torchvision": a torchvision densenet121 state_dict (ImageNet weights or a fine-tuned copy).</summary>
    Torchvision,

    /// <summary>"xrv": a torchxrayvision DenseNet (whole pickled module or its state_dict).</summary>
    Xrv,

    /// <summary>
    /// "chexnet": an arnoweng/CheXNet or zoogzog/chexnet checkpoint (module.densenet121. keys, legacy names).
    /// </summary>
    Chexnet,

    /// <summary>"jrzech": a jrzech/reproduce-chexnet checkpoint (a pickled whole torchvision DenseNet).</summary>
    Jrzech,
}
