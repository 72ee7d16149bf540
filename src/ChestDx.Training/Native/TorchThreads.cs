using TorchSharp;

namespace ChestDx.Training.Native;

/// <summary>
/// Sets libtorch's intra-op thread count for a run (<c>--threads</c> of train and predict) and leaves it set.
/// torch.set_num_threads is process-wide and recreates libtorch's thread pools, which is unsafe while another thread's
/// convolution uses them (tests and embedding applications run several models in one process); so the count is only
/// changed when it differs and is not restored afterwards, which would change it back and forth between runs.
/// </summary>
public static class TorchThreads
{
    private static readonly Lock Gate = new();

    /// <param name="threads">Resolved thread count (at least 1; <see cref="TorchRuntime.ResolveThreads"/>).</param>
    public static void Use(int threads)
    {
        lock (Gate)
        {
            if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        }
    }
}
