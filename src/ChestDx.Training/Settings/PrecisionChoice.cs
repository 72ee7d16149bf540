using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Training.Settings;

/// <summary>Arithmetic of the forward and backward pass (--precision, config key precision).</summary>
[JsonConverter(typeof(ChoiceJsonConverter<PrecisionChoice>))]
public enum PrecisionChoice
{
    /// <summary>"auto": bf16 autocast on CUDA, fp32 on the CPU.</summary>
    Auto,
    Fp32,

    /// <summary>"bf16": bf16 autocast; parameters, gradients and loss stay fp32.</summary>
    Bf16,
}
