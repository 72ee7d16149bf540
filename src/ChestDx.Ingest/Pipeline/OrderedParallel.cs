using System.Runtime.ExceptionServices;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// Runs <c>work</c> over items on several threads and yields the results in item order through a bounded reorder
/// window: a worker may run at most <c>window</c> items ahead of the consumer, so memory stays flat however many
/// items there are (each pending result holds one S×S image), and the output order never depends on timing.
/// </summary>
public static class OrderedParallel
{
    public static IEnumerable<TOut> Run<TIn, TOut>(
        IReadOnlyList<TIn> items, int workers, int window, Func<TIn, TOut> work, CancellationToken cancel)
        where TOut : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, workers);
        var state = new State<TOut>(window);
        var threads = new Thread[Math.Min(workers, Math.Max(1, items.Count))];
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() => Worker(items, work, state, cancel))
            {
                IsBackground = true, Name = $"chestdx-ingest-{t}",
            };
            threads[t].Start();
        }
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                TOut result;
                lock (state.Gate)
                {
                    while (state.Slots[i % window] is null && state.Failure is null && !cancel.IsCancellationRequested)
                        Monitor.Wait(state.Gate, 200);
                    state.Failure?.Throw();
                    cancel.ThrowIfCancellationRequested();
                    result = state.Slots[i % window]!;
                    state.Slots[i % window] = null;
                    state.Consumed = i + 1;
                    Monitor.PulseAll(state.Gate);
                }
                yield return result;
            }
        }
        finally
        {
            lock (state.Gate)
            {
                state.Stop = true;
                Monitor.PulseAll(state.Gate);
            }
            foreach (Thread thread in threads) thread.Join();
        }
    }

    private static void Worker<TIn, TOut>(
        IReadOnlyList<TIn> items, Func<TIn, TOut> work, State<TOut> state, CancellationToken cancel)
        where TOut : class
    {
        while (true)
        {
            int i;
            lock (state.Gate)
            {
                while (!state.Stop && state.Next < items.Count && state.Next - state.Consumed >= state.Slots.Length)
                    Monitor.Wait(state.Gate, 200);
                if (state.Stop || state.Next >= items.Count || cancel.IsCancellationRequested) return;
                i = state.Next++;
            }
            try
            {
                TOut result = work(items[i]);
                lock (state.Gate)
                {
                    state.Slots[i % state.Slots.Length] = result;
                    Monitor.PulseAll(state.Gate);
                }
            }
            catch (Exception e)
            {
                lock (state.Gate)
                {
                    state.Failure ??= ExceptionDispatchInfo.Capture(e);
                    state.Stop = true;
                    Monitor.PulseAll(state.Gate);
                }
                return;
            }
        }
    }

    private sealed class State<TOut>(int window) where TOut : class
    {
        public readonly object Gate = new();
        public readonly TOut?[] Slots = new TOut?[window];
        public int Next;
        public int Consumed;
        public bool Stop;
        public ExceptionDispatchInfo? Failure;
    }
}
