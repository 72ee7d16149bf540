using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Models;

/// <summary>
/// How an 8-bit grey pixel p becomes the network's input value (model metadata chestdx.input_scaling). Importing a
/// model with the wrong scaling gives near-identical outputs for every image, the torchxrayvision pitfall documented in
/// data-manifests/MODEL_FORMAT.md, so the file says which one its weights expect.
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<InputScaling>))]
public enum InputScaling
{
    /// <summary>
    /// "imagenet": p/255, then (x − mean)/std per channel with ImageNet's mean and std (torchvision, CheXNet).
    /// </summary>
    Imagenet,

    /// <summary>
    /// "xrv": (2·p/255 − 1)·1024, one value range [−1024, 1024] (torchxrayvision's <c>normalize</c>).
    /// </summary>
    Xrv,
}
