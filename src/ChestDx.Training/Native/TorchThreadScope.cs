using TorchSharp;

namespace ChestDx.Training.Native;

/// <summary>
/// libtorch's intra-op thread count set for a block and restored after it (torch.set_num_threads is process-wide):
/// <c>--threads</c> of predict, as the trainer does for train.
/// </summary>
public sealed class TorchThreadScope : IDisposable
{
    private readonly int _previous;

    private TorchThreadScope(int threads)
    {
        _previous = torch.get_num_threads();
        torch.set_num_threads(threads);
    }

    /// <param name="threads">Resolved thread count (at least 1; <see cref="TorchRuntime.ResolveThreads"/>).</param>
    public static TorchThreadScope Set(int threads) => new(threads);

    public void Dispose() => torch.set_num_threads(_previous);
}
