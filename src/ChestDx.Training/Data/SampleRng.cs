namespace ChestDx.Training.Data;

/// <summary>
/// A tiny counter-based random stream (SplitMix64, Steele et al., OOPSLA 2014): the draws for a sample are a pure
/// function of (seed, purpose, epoch, index), so data order and augmentation do not depend on thread timing, on how
/// many batches were prefetched, or on whether the run was interrupted and resumed.
/// </summary>
public struct SampleRng
{
    private ulong _state;

    public SampleRng(long seed, Purpose purpose, long epoch, long index)
    {
        _state = Mix((ulong)seed
                     ^ Mix((ulong)purpose + 0x9E3779B97F4A7C15UL * (ulong)(epoch + 1))
                     ^ Mix((ulong)index * 0xBF58476D1CE4E5B9UL + 1));
    }

    /// <summary>Separates the streams of different uses of one seed.</summary>
    public enum Purpose : ulong
    {
        DataOrder = 1,
        Augmentation = 2,
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n) for n ≥ 1
    /// (Lemire's multiply-shift; the bias is below 2⁻³² for the sizes used here).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform in [−a, a].</summary>
    public double NextSymmetric(double a) => a == 0 ? 0 : (2 * NextDouble() - 1) * a;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
