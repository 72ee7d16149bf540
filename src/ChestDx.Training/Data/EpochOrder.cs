namespace ChestDx.Training.Data;

/// <summary>
/// The order in which an epoch visits the training rows: a Fisher–Yates shuffle keyed by (seed, epoch). Being a pure
/// function of the epoch number, a resumed run replays exactly the order an uninterrupted one would have used, and
/// different epochs see different orders (unlike a fixed seed re-applied at every start, nanoGPT issue #467).
/// </summary>
public static class EpochOrder
{
    public static int[] Shuffle(IReadOnlyList<int> rows, long seed, int epoch)
    {
        int[] order = rows.ToArray();
        var rng = new SampleRng(seed, SampleRng.Purpose.DataOrder, epoch, 0);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
