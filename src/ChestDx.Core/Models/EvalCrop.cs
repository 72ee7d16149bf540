using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Models;

/// <summary>
/// How validation and prediction get the network input from S×S (config key eval_crop; model metadata
/// chestdx.eval_crop).
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<EvalCrop>))]
public enum EvalCrop
{
    /// <summary>"center": the centre InputSize crop (Resize(256)+CenterCrop(224)).</summary>
    Center,

    /// <summary>"resize": scale the whole image to InputSize.</summary>
    Resize,
}
