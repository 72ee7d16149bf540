namespace ChestDx.Evaluation.Shift;

/// <summary>One value of a categorical attribute and how many images have it.</summary>
public sealed record Share(string Value, int Count, double Fraction);

/// <summary>
/// Grey levels of a pack's images.u8 (0–255, after ingestion's windowing and resampling): the pixel mean, standard
/// deviation and 1st/50th/99th percentiles over every pixel of the images read, and the 5th/95th percentiles of the
/// per-image means. <see cref="ImagesRead"/> images are read, evenly spaced, out of the side's images.
/// </summary>
public sealed record IntensitySummary(
    int ImagesRead, int ImageSize, double PixelMean, double PixelStd, int P01, int P50, int P99,
    double ImageMeanP05, double ImageMeanP95);

/// <summary>What one side of the audit holds: which images, and their views, sex, age and grey levels.</summary>
public sealed record PackSide
{
    public required string Path { get; init; }

    /// <summary>Which images of the pack were described ("the 8,000 images of its train split").</summary>
    public required string Rows { get; init; }
    public required int Images { get; init; }
    public required int Patients { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required IReadOnlyList<Share> Views { get; init; }
    public required IReadOnlyList<Share> Sex { get; init; }
    public required IReadOnlyList<Share> AgeBands { get; init; }
    public double? AgeMean { get; init; }
    public double? AgeMedian { get; init; }
    public required IntensitySummary Intensity { get; init; }
}

/// <summary>Prevalence of one class matched between the two packs' class sets (known labels only).</summary>
public sealed record MatchedPrevalence(
    string TrainClass, string EvaluationClass, int TrainPositives, int TrainKnown, int EvaluationPositives,
    int EvaluationKnown, bool Evaluated)
{
    public double? TrainPrevalence => TrainKnown > 0 ? (double)TrainPositives / TrainKnown : null;
    public double? EvaluationPrevalence => EvaluationKnown > 0 ? (double)EvaluationPositives / EvaluationKnown : null;
}

/// <summary>The dataset-shift audit of a training pack against the evaluation pack that opens an external
/// validation report.</summary>
public sealed record ShiftAuditResult
{
    public required PackSide Train { get; init; }
    public required PackSide Evaluation { get; init; }

    /// <summary>Classes that are one finding in both packs' class sets (ChestDx.Core.Classes.Findings), in the
    /// training pack's order.</summary>
    public required IReadOnlyList<MatchedPrevalence> Matched { get; init; }
    public required IReadOnlyList<string> TrainOnly { get; init; }
    public required IReadOnlyList<string> EvaluationOnly { get; init; }

    /// <summary>One paragraph saying exactly what was compared with what.</summary>
    public required string Statement { get; init; }
}
