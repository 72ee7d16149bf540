using System.Numerics;
using System.Runtime.CompilerServices;

namespace ChestDx.Evaluation.Bootstrap;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded through SplitMix64. Each bootstrap resample gets its own stream,
/// derived from (seed, stream, resample index), so the intervals do not depend on how many threads ran them or in
/// which order: the same seed gives the same numbers on a laptop and on a 64-core server.
/// </summary>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public static SeededRandom Create(ulong seed, ulong stream, ulong index)
    {
        ulong x = seed;
        ulong mixed = SplitMix(ref x) ^ (stream * 0x9E3779B97F4A7C15UL);
        x = mixed;
        mixed = SplitMix(ref x) ^ (index * 0xD1B54A32D192ED03UL);
        x = mixed;
        var r = new SeededRandom { _s0 = SplitMix(ref x), _s1 = SplitMix(ref x), _s2 = SplitMix(ref x), _s3 = SplitMix(ref x) };
        return r;
    }

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

    /// <summary>Uniform on [0, <paramref name="bound"/>): Lemire's multiply-and-reject (ACM TOMACS 2019), no modulo bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound)
    {
        ulong b = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), b, out ulong low);
        if (low < b)
        {
            ulong threshold = (0 - b) % b;
            while (low < threshold) high = Math.BigMul(NextUInt64(), b, out low);
        }
        return (int)high;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
