namespace ChestDx.Dicom.Tests.Robustness;

/// <summary>
/// Seeded byte mutations (bit flips, truncations, extreme length fields, deleted and inserted bytes) for the fuzz
/// tests. Every mutation has its own seed, derived from the test's base seed, the input's name and the mutation's index
/// with FNV-1a (stable across processes, unlike <see cref="HashCode"/>, which .NET randomises per process), so any
/// failure replays alone from the numbers its message prints.
/// </summary>
internal static class Mutator
{
    /// <summary>The seed of mutation <paramref name="index"/> of input <paramref name="name"/>.</summary>
    public static int Seed(int baseSeed, string name, int index)
    {
        uint h = 2166136261;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes($"{baseSeed}/{name}/{index}"))
            h = (h ^ b) * 16777619;
        return (int)(h & 0x7FFFFFFF);
    }

    /// <param name="fieldsFrom">Where length-like fields may be overwritten (132 skips a Part 10 preamble).</param>
    public static (byte[] Bytes, string How) Mutate(byte[] original, int seed, int fieldsFrom)
    {
        var random = new Random(seed);
        byte[] b = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                int flips = random.Next(1, 9);
                for (int i = 0; i < flips; i++) b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                return (b, $"{flips} bit flips");
            case 1:
                int keep = random.Next(b.Length);
                return (b[..keep], $"truncated to {keep}");
            case 2:
                // A 16- or 32-bit field, likely a length, set to an extreme value.
                int at = random.Next(Math.Min(fieldsFrom, b.Length - 4), b.Length - 4) & ~1;
                uint value = random.Next(4) switch
                {
                    0 => 0xFFFFFFFF, 1 => 0x7FFFFFFF, 2 => (uint)random.Next(), _ => 0xFFFE,
                };
                if (random.Next(2) == 0) BitConverter.GetBytes(value).CopyTo(b, at);
                else BitConverter.GetBytes((ushort)value).CopyTo(b, at);
                return (b, $"field at {at} = 0x{value:X}");
            case 3:
                int from = random.Next(b.Length), count = random.Next(1, 64);
                return ([.. b[..from], .. b[Math.Min(b.Length, from + count)..]], $"deleted {count} at {from}");
            default:
                int where = random.Next(b.Length);
                byte[] junk = new byte[random.Next(1, 16)];
                random.NextBytes(junk);
                return ([.. b[..where], .. junk, .. b[where..]], $"inserted {junk.Length} at {where}");
        }
    }
}
