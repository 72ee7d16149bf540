using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Training.Settings;

/// <summary>A second run after a pretrained one, to check for negative transfer
/// (--baseline, config key baseline).</summary>
[JsonConverter(typeof(ChoiceJsonConverter<BaselineRun>))]
public enum BaselineRun
{
    None,

    /// <summary>"scratch": the same budget from random initialisation, compared in the model card.</summary>
    Scratch,
}
