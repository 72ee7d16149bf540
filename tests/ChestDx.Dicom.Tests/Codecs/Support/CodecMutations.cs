using ChestDx.Dicom.Codecs;

namespace ChestDx.Dicom.Tests.Codecs.Support;

/// <summary>
/// Seeded mutation fuzzing of one codec over one valid frame: bit flips, truncations, garbage runs and corrupted
/// marker-segment lengths. Each mutant must either decode or throw <see cref="DicomException"/>: any other exception
/// (index out of range, access violation, overflow) is a decoder bug, and the whole run must finish within
/// <paramref name="timeLimit"/> (no hang). Bounded in count and time so it stays a unit test.
/// </summary>
internal static class CodecMutations
{
    public static void AssertOnlyDicomExceptions(
        IFrameDecoder decoder, byte[] valid, FrameInfo frame, int seed, int count, TimeSpan timeLimit)
    {
        var failures = new List<string>();
        int rejected = 0;
        var run = Task.Run(() =>
        {
            var random = new Random(seed);
            byte[] destination = new byte[frame.FrameLength];
            for (int i = 0; i < count; i++)
            {
                (byte[] mutant, string how) = Mutate(valid, random);
                try
                {
                    decoder.Decode(mutant, frame, destination);   // a mutant may still be a valid stream
                }
                catch (DicomException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"mutant {i} ({how}): {e.GetType().Name}: {e.Message}");
                }
            }
        });
        Assert.True(run.Wait(timeLimit), $"mutation run did not finish within {timeLimit} (a decoder hang?)");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        Assert.True(rejected > 0, "no mutant was rejected: the mutations do not reach the decoder's checks");
    }

    private static (byte[] Mutant, string How) Mutate(byte[] valid, Random random)
    {
        byte[] mutant = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                int flips = 1 + random.Next(4);
                for (int f = 0; f < flips; f++) mutant[random.Next(mutant.Length)] ^= (byte)(1 << random.Next(8));
                return (mutant, $"{flips} bit flip(s)");
            case 1:
                int keep = random.Next(mutant.Length);
                return (mutant[..keep], $"truncated to {keep} bytes");
            case 2:
                int start = random.Next(mutant.Length), length = 1 + random.Next(64);
                for (int p = start; p < Math.Min(mutant.Length, start + length); p++)
                    mutant[p] = (byte)random.Next(256);
                return (mutant, $"garbage at {start}");
            case 3:
                // Corrupt a marker segment's length field (the two bytes after FF xx), where parsers overrun.
                var markers = Enumerable.Range(0, mutant.Length - 3)
                    .Where(p => mutant[p] == 0xFF
                                && mutant[p + 1] is >= 0xC0 and <= 0xFE and not 0xD8 and not 0xD9
                                    and not (>= 0xD0 and <= 0xD7))
                    .ToList();
                if (markers.Count == 0) goto case 0;
                int at = markers[random.Next(markers.Count)];
                mutant[at + 2 + random.Next(2)] = (byte)random.Next(256);
                return (mutant, $"segment length at {at}");
            default:
                int from = random.Next(mutant.Length / 2), size = 1 + random.Next(Math.Max(1, mutant.Length / 4));
                byte[] cut = mutant.Take(from).Concat(mutant.Skip(from + size)).ToArray();
                return (cut, $"{size} bytes removed at {from}");
        }
    }
}
