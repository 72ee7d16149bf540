using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Bench.Ingest;

/// <summary>The source images `chestdx bench ingest` decodes (--format).</summary>
[JsonConverter(typeof(ChoiceJsonConverter<BenchImageFormat>))]
public enum BenchImageFormat
{
    /// <summary>"png": the PNG files as they are.</summary>
    Png,

    /// <summary>"jpeg": quality-95 cjpeg copies of them at 1024² and at a MIMIC-like 2500×3000.</summary>
    Jpeg,
}
