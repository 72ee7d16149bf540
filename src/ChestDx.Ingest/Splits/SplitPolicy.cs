using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Splits;

/// <summary>
/// Assigns each image to a split. Every policy decides per patient or per image from fixed inputs (the seed, the
/// patient's pseudonym, a list), never from the order or number of other images: a shard, a resumed run and a
/// whole run make the same decision for the same image.
/// </summary>
public abstract class SplitPolicy
{
    public abstract SplitSettings Settings { get; }

    /// <summary>
    /// Whether the policy places images by patient draw, so an image without a patient id would be placed as if it
    /// were its own patient (and a patient with three films could land in three splits).
    /// </summary>
    public virtual bool ByPatient => false;

    /// <summary>The split name, or null with <paramref name="reason"/> when the image cannot be placed.</summary>
    /// <param name="patientKey">
    /// The patient column value (pseudonym), or "image:ID" when the patient is unknown.
    /// </param>
    public abstract string? Assign(string imageId, string patientKey, out string? reason);

    /// <summary>
    /// A uniform number in [0, 1) per (seed, patient): the first 64 bits of SHA-256("chestdx-split", seed, patient).
    /// All images of a patient get the same number, so thresholds on it split by patient.
    /// </summary>
    public static double PatientDraw(int seed, string patientKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"chestdx-split\0{seed}\0{patientKey}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>`--split none`: every image in "test" (inference-only packs).</summary>
public sealed class NoSplit : SplitPolicy
{
    public override SplitSettings Settings { get; } = new() { Method = "none" };

    public override string? Assign(string imageId, string patientKey, out string? reason)
    {
        reason = null;
        return PackFormat.Test;
    }
}

/// <summary>
/// `--split random`: CheXNet's "random 70/10/20, no patient overlap" (Rajpurkar et al. 2017 §3.1), by patient:
/// test when the patient's draw is below the test fraction, val when below test + val, else train. Proportions are
/// those of patients, so image proportions vary a little with images per patient.
/// </summary>
public sealed class RandomPatientSplit(int seed, double valFraction, double testFraction) : SplitPolicy
{
    public override SplitSettings Settings { get; } = new()
    {
        Method = "random", Seed = seed, ValFraction = valFraction, TestFraction = testFraction,
    };

    public override bool ByPatient => true;

    public override string? Assign(string imageId, string patientKey, out string? reason)
    {
        reason = null;
        double u = PatientDraw(seed, patientKey);
        return u < testFraction ? PackFormat.Test : u < testFraction + valFraction ? PackFormat.Val : PackFormat.Train;
    }
}
