using System.Collections.Concurrent;

namespace ChestDx.Core.Progress;

/// <summary>Keeps every message and step count; for tests and for callers that want to inspect
/// what a stage said.</summary>
public sealed class RecordingProgressSink : IProgressSink
{
    public ConcurrentQueue<string> Infos { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentDictionary<string, long> Steps { get; } = new();

    public IProgressTask Start(string description, long total) => new Task(this, description);
    public void Info(string message) => Infos.Enqueue(message);
    public void Warn(string message) => Warnings.Enqueue(message);

    private sealed class Task(RecordingProgressSink owner, string description) : IProgressTask
    {
        // Steps are keyed by the description the task started with, so Describe() does not split the count.
        public void Advance(long steps = 1) => owner.Steps.AddOrUpdate(description, steps, (_, n) => n + steps);
        public void Describe(string newDescription) => owner.Infos.Enqueue(newDescription);
        public void Dispose() { }
    }
}
