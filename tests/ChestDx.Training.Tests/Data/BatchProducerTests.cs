using ChestDx.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Data;

public class BatchProducerTests
{
    private static Batch Make(int i) => new(torch.full(1, i), torch.zeros(1), torch.ones(1), [i]);

    [Fact]
    public void Delivers_every_batch_in_order()
    {
        using var producer = new BatchProducer(20, Make, capacity: 3, CancellationToken.None);
        var seen = new List<int>();
        foreach (Batch b in producer.Read())
            using (b) seen.Add(b.Rows[0]);
        Assert.Equal(Enumerable.Range(0, 20), seen);
    }

    [Fact]
    public void Stays_within_its_capacity()
    {
        int built = 0;
        using var producer = new BatchProducer(50, i =>
        {
            Interlocked.Increment(ref built);
            return Make(i);
        }, capacity: 2, CancellationToken.None);
        Thread.Sleep(300);
        // Two in the channel plus at most one built and waiting to be written.
        Assert.InRange(Volatile.Read(ref built), 1, 3);
    }

    [Fact]
    public void A_producer_failure_reaches_the_reader()
    {
        using var producer = new BatchProducer(
            5, i => i == 3 ? throw new InvalidDataException("bad image") : Make(i), 2, CancellationToken.None);
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (Batch b in producer.Read()) b.Dispose();
        });
        Assert.Equal("bad image", e.Message);
    }

    [Fact]
    public void Disposing_early_stops_the_producer()
    {
        var producer = new BatchProducer(1000, Make, 2, CancellationToken.None);
        using (Batch first = producer.Read().First()) Assert.Equal(0, first.Rows[0]);
        producer.Dispose(); // returns: the producer noticed and stopped
    }
}
