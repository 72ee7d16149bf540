using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Packs;

/// <summary>
/// How a non-square image becomes square: chosen by `chestdx ingest --aspect`, recorded in pack.json's settings and in
/// a trained model's metadata (chestdx.aspect), and applied again by predict to new image
/// files. Written "pad" / "crop".
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<AspectMode>))]
public enum AspectMode
{
    /// <summary>Scale the long side to S and centre the image on black (0) padding:
    /// nothing is cut off. The default.</summary>
    Pad,

    /// <summary>Cut the centred square of side min(width, height), then scale it to S:
    /// no padding, edges lost.</summary>
    Crop,
}
