using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Training.Settings;

/// <summary>Where to compute (--device, config key device);
/// resolved to a torch device by TorchRuntime.SelectDevice.</summary>
[JsonConverter(typeof(ChoiceJsonConverter<DeviceChoice>))]
public enum DeviceChoice
{
    /// <summary>"auto": CUDA when available, else the CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}
