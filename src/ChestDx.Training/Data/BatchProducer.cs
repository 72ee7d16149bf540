using System.Threading.Channels;

namespace ChestDx.Training.Data;

/// <summary>
/// Builds batches on a background thread into a bounded channel, so reading and augmenting batch i+1 overlaps the
/// training step on batch i (TorchSharp 0.107's DataLoader fetches on demand, with no prefetch).
/// The bound caps memory; batches arrive in index order, and what they contain does not depend on timing (see
/// <see cref="SampleRng"/>). Disposing stops the producer and frees batches nobody took.
/// </summary>
public sealed class BatchProducer : IDisposable
{
    private readonly Channel<Batch> _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;

    /// <param name="count">Number of batches.</param>
    /// <param name="build">Builds batch i; runs on the producer thread.</param>
    /// <param name="capacity">Batches that may wait in the channel.</param>
    public BatchProducer(int count, Func<int, Batch> build, int capacity, CancellationToken cancellation)
    {
        _channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        CancellationToken token = _stop.Token;
        _producer = Task.Factory.StartNew(async () =>
        {
            try
            {
                for (int i = 0; i < count; i++)
                {
                    token.ThrowIfCancellationRequested();
                    Batch batch = build(i);
                    try
                    {
                        await _channel.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        batch.Dispose();
                        throw;
                    }
                }
                _channel.Writer.Complete();
            }
            catch (Exception e)
            {
                _channel.Writer.Complete(e);
            }
        }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>The batches in order; the caller disposes each.
    /// A producer failure is rethrown here (after the batches before it).</summary>
    public IEnumerable<Batch> Read()
    {
        ChannelReader<Batch> reader = _channel.Reader;
        // WaitToReadAsync returns false at the end and throws the producer's exception if it failed.
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            while (reader.TryRead(out Batch? batch)) yield return batch;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
        while (_channel.Reader.TryRead(out Batch? left)) left.Dispose();
        _stop.Dispose();
    }
}
