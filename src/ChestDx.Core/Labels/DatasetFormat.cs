using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Labels;

/// <summary>
/// `chestdx ingest --format`: which dataset's adapter reads the labels file. Omitted, the format is detected from the
/// file's header (<see cref="LabelFile.Detect"/>). The adapters' rules are in data-manifests/LABEL_SCHEMA.md.
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<DatasetFormat>))]
public enum DatasetFormat
{
    /// <summary>NIH ChestX-ray14: Data_Entry_2017(_v2020).csv, Google's expert labels or the BBox list.</summary>
    Nih,
    /// <summary>CheXpert train.csv / valid.csv (Irvin et al. 2019).</summary>
    Chexpert,
    /// <summary>MIMIC-CXR-JPG: chexpert.csv or negbio.csv (one row per study) joined to metadata.csv.</summary>
    Mimic,
    /// <summary>PadChest's PADCHEST_chest_x_ray_images_labels CSV (Bustos et al. 2020).</summary>
    Padchest,
    /// <summary>VinDr-CXR: Kaggle's train.csv (one row per finding and radiologist) or PhysioNet's
    /// image_labels_train.csv (one row per image and radiologist).</summary>
    Vindr,
    /// <summary>RSNA Pneumonia Detection Challenge stage_2_train_labels.csv (one row per box).</summary>
    Rsna,
    /// <summary>The generic CSV: image_id[,patient_id][,view][,sex][,age],&lt;class columns&gt;.</summary>
    Csv,
}

/// <summary>
/// What an uncertain label (CheXpert's and MIMIC-CXR's −1) becomes, per class (`--uncertain`): Irvin et al. 2019's
/// U-Ignore, U-Zeros and U-Ones. Written "ignore", "zeros", "ones".
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<UncertainPolicy>))]
public enum UncertainPolicy
{
    /// <summary>U-Ignore: unknown, masked out of training's loss and evaluation's metrics. The default.</summary>
    Ignore,
    /// <summary>U-Zeros: negative.</summary>
    Zeros,
    /// <summary>U-Ones: positive.</summary>
    Ones,
}

/// <summary>
/// How VinDr-CXR's three radiologists per training image are combined (`--readers`). Written "any", "majority".
/// </summary>
[JsonConverter(typeof(ChoiceJsonConverter<ReaderRule>))]
public enum ReaderRule
{
    /// <summary>Positive when at least one radiologist marked the finding (torchxrayvision's union).
    /// The default.</summary>
    Any,
    /// <summary>Positive when more than half of the image's radiologists marked it (2 of 3).</summary>
    Majority,
}

/// <summary>Where a pack's patient ids came from (pack.json settings.labels.patient_ids_from).
/// Written snake_case.</summary>
[JsonConverter(typeof(ChoiceJsonConverter<PatientIdSource>))]
public enum PatientIdSource
{
    /// <summary>A patient column of the labels file (MIMIC subject_id, PadChest PatientID).</summary>
    Column,
    /// <summary>The image path (CheXpert: the patientNNNNN folder).</summary>
    Path,
    /// <summary>
    /// None: the dataset publishes ids per image only (VinDr-CXR, RSNA Pneumonia), so the pack has no patient ids and
    /// its patient disjointness is not verifiable; a split by patient needs --one-image-per-patient.
    /// </summary>
    PerImage,
}
