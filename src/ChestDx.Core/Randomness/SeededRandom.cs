using System.Numerics;
using System.Runtime.CompilerServices;

namespace ChestDx.Core.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021;
/// reference code https://prng.di.unimi.it/xoshiro256starstar.c) seeded through SplitMix64, as its authors recommend.
/// System.Random is not used because its algorithm is unspecified and has changed between .NET versions: the same
/// seed must give the same phantom bytes and the same bootstrap intervals on every machine and every runtime.
/// </summary>
/// <remarks>
/// Streams are derived, not shared: <see cref="For"/> hashes a seed and a path of keys (patient index, image index,
/// a stream purpose) into an independent generator, so adding a draw to one stream never shifts another. That is what
/// lets a phantom's finding-free twin have exactly the same anatomy and noise, and what makes a bootstrap resample
/// independent of the thread that draws it.
/// </remarks>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose state is the next four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64.Next(ref x);
        _s1 = SplitMix64.Next(ref x);
        _s2 = SplitMix64.Next(ref x);
        _s3 = SplitMix64.Next(ref x);
    }

    /// <summary>A generator with an explicit state (for known-answer tests against the reference code).</summary>
    public static SeededRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
            throw new ArgumentException("the all-zero state is a fixed point of xoshiro256**");
        return new SeededRandom { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>An independent stream for <paramref name="seed"/> and the key path <paramref name="keys"/>.</summary>
    public static SeededRandom For(ulong seed, params ReadOnlySpan<ulong> keys) => new(StreamKey.Derive(seed, keys));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits: exact, no rounding that could differ between machines.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Bernoulli(double probability) => NextDouble() < probability;

    /// <summary>+1 or −1 with equal probability.</summary>
    public int Sign() => (NextUInt64() >> 63) == 0 ? 1 : -1;

    /// <summary>
    /// Uniform integer in [0, <paramref name="bound"/>), unbiased: Lemire's multiply-and-reject (ACM TOMACS 2019),
    /// which needs the modulo for the rejection threshold only in the rare case the low word is below the bound.
    /// Inlined: the bootstrap draws billions of these.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong range = (ulong)bound;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold) product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }
}

/// <summary>SplitMix64 (Steele, Lea and Flood, OOPSLA 2014; https://prng.di.unimi.it/splitmix64.c).</summary>
public static class SplitMix64
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    /// <summary>The SplitMix64 output function: a bijective 64-bit finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Hashes a seed and a key path into one 64-bit stream seed; order matters,
/// collisions are negligible.</summary>
public static class StreamKey
{
    public static ulong Derive(ulong seed, ReadOnlySpan<ulong> keys)
    {
        ulong h = SplitMix64.Mix(seed ^ 0x6A09E667F3BCC909UL);
        foreach (ulong key in keys) h = SplitMix64.Mix(h ^ SplitMix64.Mix(key + 0x9E3779B97F4A7C15UL));
        return h;
    }
}
