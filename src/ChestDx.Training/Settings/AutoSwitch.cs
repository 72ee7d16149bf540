using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Training.Settings;

/// <summary>A feature that is on, off, or decided by the machine
/// (config keys channels_last and data_on_device).</summary>
[JsonConverter(typeof(ChoiceJsonConverter<AutoSwitch>))]
public enum AutoSwitch
{
    Auto,
    On,
    Off,
}
