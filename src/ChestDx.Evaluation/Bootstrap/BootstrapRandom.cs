using ChestDx.Core.Randomness;

namespace ChestDx.Evaluation.Bootstrap;

/// <summary>
/// The random stream of one bootstrap resample, derived from (seed, stream, resample index), so the intervals do not
/// depend on how many threads ran the resamples or in which order: the same seed gives the same numbers on a laptop and
/// on a 64-core server. Streams: one per class (its index) and one per macro average.
/// </summary>
public static class BootstrapRandom
{
    public static SeededRandom Create(ulong seed, ulong stream, ulong index)
    {
        // Kept exactly as first released, so a given --seed reproduces earlier reports' intervals.
        ulong x = seed;
        ulong mixed = SplitMix64.Next(ref x) ^ (stream * 0x9E3779B97F4A7C15UL);
        x = mixed;
        mixed = SplitMix64.Next(ref x) ^ (index * 0xD1B54A32D192ED03UL);
        return new SeededRandom(mixed);
    }
}
