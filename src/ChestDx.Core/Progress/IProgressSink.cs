namespace ChestDx.Core.Progress;

/// <summary>
/// Where long stages report progress and messages. The CLI draws a progress bar on a terminal and writes plain
/// milestone lines when output is redirected (CI logs); tests pass <see cref="NullProgressSink"/> or a recorder.
/// Stage libraries never write to the console themselves.
/// </summary>
public interface IProgressSink
{
    /// <summary>Starts a unit of work with a known number of steps (images, batches, resamples).</summary>
    IProgressTask Start(string description, long total);

    /// <summary>A line worth showing the user (what was decided, where files went).</summary>
    void Info(string message);

    /// <summary>Something the user should act on or know before trusting the output.</summary>
    void Warn(string message);
}

public interface IProgressTask : IDisposable
{
    void Advance(long steps = 1);

    /// <summary>Replaces the description, e.g. to show the current epoch's loss.</summary>
    void Describe(string description);
}

public sealed class NullProgressSink : IProgressSink
{
    public static NullProgressSink Instance { get; } = new();

    public IProgressTask Start(string description, long total) => NullTask.Instance;
    public void Info(string message) { }
    public void Warn(string message) { }

    private sealed class NullTask : IProgressTask
    {
        public static NullTask Instance { get; } = new();
        public void Advance(long steps = 1) { }
        public void Describe(string description) { }
        public void Dispose() { }
    }
}
