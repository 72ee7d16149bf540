using System.Reflection;
using ChestDx.Core;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Splits;

/// <summary>
/// `--split official`: NIH's patient-disjoint train_val_list.txt (86,524 images) / test_list.txt (25,596), built
/// into the assembly from data-manifests/nih-cxr14/splits/official so air-gapped servers need no extra files.
/// NIH gives no validation split; a fraction of train_val patients (seeded, by patient draw) becomes "val".
/// An image on neither list is rejected, not guessed.
/// </summary>
public sealed class OfficialNihSplit : SplitPolicy
{
    private static readonly Lazy<(HashSet<string> TrainVal, HashSet<string> Test)> Lists = new(Load);
    private readonly int _seed;
    private readonly double _valFraction;

    public OfficialNihSplit(int seed, double valFraction)
    {
        _seed = seed;
        _valFraction = valFraction;
        Settings = new SplitSettings { Method = SplitMethod.Official, Seed = seed, ValFraction = valFraction };
    }

    public override SplitSettings Settings { get; }

    /// <summary>NIH's lists are patient-disjoint; the val carve-out from train_val is drawn by patient.</summary>
    public override bool ByPatient => _valFraction > 0;

    public override string? Assign(string imageId, string patientKey, out string? reason)
    {
        reason = null;
        if (Lists.Value.Test.Contains(imageId)) return PackFormat.Test;
        if (Lists.Value.TrainVal.Contains(imageId))
            return PatientDraw(_seed, patientKey) < _valFraction ? PackFormat.Val : PackFormat.Train;
        reason = $"'{imageId}' is on neither of NIH's official split lists";
        return null;
    }

    private static (HashSet<string>, HashSet<string>) Load() => (Read("train_val_list.txt"), Read("test_list.txt"));

    private static HashSet<string> Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ChestDx.Ingest.Splits.{name}")
            ?? throw new ChestDxException($"built-in NIH split list {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } id) set.Add(id);
        return set;
    }
}
