using System.Globalization;
using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Geometry;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Phantoms;

/// <summary>
/// Decides what phantom number i is — patient, follow-up, view, anatomy, pose, exposure, findings — from the seed
/// alone. Each decision comes from its own stream (<see cref="SeededRandom.For"/>), keyed by what it belongs to, so:
/// phantom i is the same whatever the count; removing a finding changes nothing else (the twin property); changing
/// one finding's prevalence changes only that finding's presence.
/// </summary>
public static class PhantomPlanner
{
    // Stream purposes (the first key of every stream). Never renumber: it would change every phantom.
    private const ulong PatientStream = 1, ImageStream = 2, ChronicFindingStream = 3, AcuteFindingStream = 4;

    public static PhantomCase Plan(PhantomOptions options, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        int patient = index / options.ImagesPerPatient, followUp = index % options.ImagesPerPatient;
        ulong seed = options.Seed;

        var patientRandom = SeededRandom.For(seed, PatientStream, (ulong)patient);
        PatientTraits traits = PatientTraits.Draw(ref patientRandom);

        var imageRandom = SeededRandom.For(seed, ImageStream, (ulong)patient, (ulong)followUp);
        ImageTraits image = ImageTraits.Draw(ref imageRandom);
        PhantomPose pose = DrawPose(ref imageRandom, image.View);
        PhantomExposure exposure = DrawExposure(ref imageRandom, image.View);

        ChestAnatomy anatomy = AnatomySampler.Build(traits, image);
        // Chronic findings are placed on the patient's reference film so every follow-up carries the same lesion.
        ChestAnatomy reference = AnatomySampler.Build(traits, ImageTraits.Reference);
        var findings = new List<PlantedFinding>();
        foreach (FindingPrevalence wanted in options.Findings)
        {
            FindingInfo info = FindingCatalog.Get(wanted.Kind);
            var random = info.Chronic
                ? SeededRandom.For(seed, ChronicFindingStream, (ulong)patient, (ulong)info.ClassIndex)
                : SeededRandom.For(seed, AcuteFindingStream, (ulong)patient, (ulong)followUp, (ulong)info.ClassIndex);
            if (!random.Bernoulli(wanted.Prevalence)) continue;
            findings.Add(FindingCatalog.Sample(wanted.Kind, ref random, info.Chronic ? reference : anatomy));
        }

        string patientId = "ph" + patient.ToString("D6", CultureInfo.InvariantCulture);
        return new PhantomCase
        {
            ImageId = $"{patientId}_{followUp.ToString("D3", CultureInfo.InvariantCulture)}.png",
            PatientId = patientId,
            PatientIndex = patient,
            FollowUp = followUp,
            View = image.View,
            Sex = traits.Sex,
            // Follow-ups about half a year apart.
            Age = traits.Age + followUp / 2,
            Anatomy = anatomy,
            Pose = pose,
            Exposure = exposure,
            Findings = findings,
        };
    }

    /// <summary>Rotation ±4° (AP ±7°), shift up to 5% of the film sideways and 2–14% down (the lungs fill the upper
    /// two thirds, as on ChestX-ray14 films), magnification 0.98–1.12 (AP 1.02–1.16).</summary>
    private static PhantomPose DrawPose(ref SeededRandom r, PhantomView view)
    {
        bool ap = view == PhantomView.AP;
        double rotation = ap ? r.Uniform(-7, 7) : r.Uniform(-4, 4);
        double shiftX = r.Uniform(-0.05, 0.05), shiftY = r.Uniform(0.02, 0.14);
        double magnification = ap ? r.Uniform(1.02, 1.16) : r.Uniform(0.98, 1.12);
        return new PhantomPose(rotation, shiftX, shiftY, magnification);
    }

    private static PhantomExposure DrawExposure(ref SeededRandom r, PhantomView view) => new()
    {
        WindowCenter = r.Uniform(0.56, 0.7),
        WindowWidth = r.Uniform(0.5, 0.62),
        BlackLevel = r.Uniform(-40, -10),
        WhiteLevel = r.Uniform(250, 270),
        HeelGradient = r.Uniform(-0.05, 0.05),
        // Portable AP films are noisier (lower dose, no grid).
        NoiseSigma = view == PhantomView.AP ? r.Uniform(3, 6) : r.Uniform(2, 5),
        NoiseSeed = r.NextUInt64(),
        MottleAmplitude = r.Uniform(0.005, 0.02),
        MottleSeed = r.NextUInt64(),
    };
}
