using ChestDx.Core.Randomness;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>
/// One resample of patients, not images: P patients are drawn with replacement from the P patients, and every image
/// counts as many times as its patient was drawn, so the images of one patient always move together. Images of one
/// patient are correlated (same body, often the same day and machine); resampling them one by one would make the
/// intervals too narrow. The draws come from <see cref="BootstrapRandom"/> (seed, <see cref="Stream"/>, resample), so
/// they do not depend on threads.
/// </summary>
public static class PatientBootstrap
{
    /// <summary>The random stream of the subgroup bootstrap, apart from every class's and the macro
    /// average's.</summary>
    public static ulong Stream { get; } = Evaluator.StreamOf("subgroups: patient-level bootstrap");

    /// <param name="patientOfImage">Per image, the index of its patient in [0, <paramref name="patientWeights"/>
    /// length).</param>
    /// <param name="patientWeights">Filled with how often each patient was drawn.</param>
    /// <param name="imageWeights">Filled with the weight of each image: its patient's count.</param>
    public static void Draw(ulong seed, ulong stream, int resample, ReadOnlySpan<int> patientOfImage,
        Span<int> patientWeights, Span<int> imageWeights)
    {
        SeededRandom rng = BootstrapRandom.Create(seed, stream, (ulong)resample);
        patientWeights.Clear();
        int patients = patientWeights.Length;
        for (int k = 0; k < patients; k++) patientWeights[rng.NextInt(patients)]++;
        for (int i = 0; i < patientOfImage.Length; i++) imageWeights[i] = patientWeights[patientOfImage[i]];
    }
}
