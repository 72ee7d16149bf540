using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Packs;

/// <summary>How a pack's images are split (`chestdx ingest --split`; pack.json settings.split.method, never "auto").
/// Written snake_case.</summary>
[JsonConverter(typeof(ChoiceJsonConverter<SplitMethod>))]
public enum SplitMethod
{
    /// <summary>official for NIH labels, random for other labels, none without labels.</summary>
    Auto,

    /// <summary>NIH's train_val_list.txt / test_list.txt.</summary>
    Official,

    /// <summary>70/10/20 by patient.</summary>
    Random,

    /// <summary>A CSV of image_id,split.</summary>
    File,

    /// <summary>Every image in test.</summary>
    None,
}
