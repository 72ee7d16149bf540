using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Training.Settings;

/// <summary>How training gets the network input from the pack's S×S images (config key train_crop).</summary>
[JsonConverter(typeof(ChoiceJsonConverter<TrainCrop>))]
public enum TrainCrop
{
    /// <summary>"random": a random InputSize crop
    /// (Resize(256)+RandomCrop(224), the torchvision ImageNet recipe).</summary>
    Random,

    /// <summary>"resize": scale the whole image to InputSize.</summary>
    Resize,
}
