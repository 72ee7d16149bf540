using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Training.Import;

/// <summary>
/// torchxrayvision's DenseNet-121 weights (<c>densenet121-res224-&lt;key&gt;</c>): which published operating points an
/// imported file gets (<see cref="XrvOperatingPoints"/>).
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<XrvWeightsKey>))]
public enum XrvWeightsKey
{
    /// <summary>"all": NIH, PadChest, CheXpert, MIMIC-CXR (chexpert labels), Google, OpenI, Kaggle RSNA.</summary>
    All,

    /// <summary>"nih": NIH ChestX-ray14.</summary>
    Nih,

    /// <summary>"pc": PadChest.</summary>
    Pc,

    /// <summary>"chex": CheXpert.</summary>
    Chex,

    /// <summary>"mimic_nb": MIMIC-CXR with NegBio labels.</summary>
    MimicNb,

    /// <summary>"mimic_ch": MIMIC-CXR with CheXpert labels.</summary>
    MimicCh,

    /// <summary>"rsna": the Kaggle RSNA Pneumonia Detection data.</summary>
    Rsna,
}
