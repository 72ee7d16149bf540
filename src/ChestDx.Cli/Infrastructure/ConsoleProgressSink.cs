using System.Collections.Concurrent;
using ChestDx.Core.Progress;
using Spectre.Console;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// Progress for long stages. On an interactive terminal: a Spectre.Console progress bar, with messages queued and
/// written by the progress thread itself (Spectre's live display is not thread-safe). Redirected output (CI, Slurm
/// logs, `| tee`): plain lines at every 10% and at most every 30 s between, like Spectre's fallback renderer.
/// Progress lines, notes and warnings go to stderr, so stdout carries only results (docs/cli.md); the live bar is drawn
/// only when stdout is a terminal, where nothing reads it.
/// </summary>
public sealed class ConsoleProgressSink(IAnsiConsole console, TextWriter error, TimeProvider time) : IProgressSink
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);
    private readonly IAnsiConsole _console = console;
    private readonly TextWriter _error = error;
    private readonly TimeProvider _time = time;
    private readonly ConcurrentQueue<string> _pending = new();
    private readonly object _gate = new();
    private LiveTask? _live;

    private bool Interactive => _console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;

    public IProgressTask Start(string description, long total)
    {
        lock (_gate)
        {
            // One live bar at a time; a nested task falls back to log lines rather than corrupting the display.
            if (Interactive && _live is null)
            {
                _live = new LiveTask(this, description, total);
                return _live;
            }
        }
        return new LogTask(this, description, total);
    }

    public void Info(string message)
    {
        if (_live is not null) _pending.Enqueue(Markup.Escape(message));
        else _error.WriteLine(message);
    }

    public void Warn(string message) => _error.WriteLine($"warning: {message}");

    private void Flush()
    {
        while (_pending.TryDequeue(out string? line)) _console.MarkupLine(line);
    }

    private sealed class LiveTask : IProgressTask
    {
        private readonly ConsoleProgressSink _owner;
        private readonly ManualResetEventSlim _done = new();
        private readonly Task _runner;
        private long _value;
        private string _description;

        public LiveTask(ConsoleProgressSink owner, string description, long total)
        {
            _owner = owner;
            _description = description;
            var started = new ManualResetEventSlim();
            _runner = Task.Run(() => owner._console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                         new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                    started.Set();
                    while (!_done.IsSet)
                    {
                        task.Value = Interlocked.Read(ref _value);
                        task.Description = Markup.Escape(Volatile.Read(ref _description));
                        owner.Flush();
                        ctx.Refresh();
                        _done.Wait(100);
                    }
                    task.Value = Interlocked.Read(ref _value);
                    task.Description = Markup.Escape(Volatile.Read(ref _description));
                    task.StopTask();
                    owner.Flush();
                }));
            started.Wait();
        }

        public void Advance(long steps = 1) => Interlocked.Add(ref _value, steps);
        public void Describe(string description) => Volatile.Write(ref _description, description);

        public void Dispose()
        {
            _done.Set();
            _runner.GetAwaiter().GetResult();
            lock (_owner._gate) _owner._live = null;
            _owner.Flush();
        }
    }

    private sealed class LogTask : IProgressTask
    {
        private readonly ConsoleProgressSink _owner;
        private readonly long _total;
        private readonly long _start;
        private readonly object _gate = new();
        private string _description;
        private long _value;
        private int _lastDecile;
        private long _lastLog;

        public LogTask(ConsoleProgressSink owner, string description, long total)
        {
            _owner = owner;
            _description = description;
            _total = total;
            _start = _lastLog = owner._time.GetTimestamp();
            owner._error.WriteLine($"{description}: started ({total} steps)");
        }

        public void Advance(long steps = 1)
        {
            lock (_gate)
            {
                _value += steps;
                int decile = _total > 0 ? (int)Math.Min(10, _value * 10 / _total) : 0;
                bool milestone = decile > _lastDecile && decile < 10;
                bool due = _owner._time.GetElapsedTime(_lastLog) >= LogInterval;
                if (!milestone && !due) return;
                _lastDecile = Math.Max(_lastDecile, decile);
                _lastLog = _owner._time.GetTimestamp();
                Log("");
            }
        }

        public void Describe(string description)
        {
            lock (_gate) _description = description;
        }

        public void Dispose()
        {
            lock (_gate) Log(" done");
        }

        private void Log(string suffix)
        {
            TimeSpan elapsed = _owner._time.GetElapsedTime(_start);
            string percent = _total > 0 ? $"{100.0 * _value / _total:0}%" : "";
            double rate = elapsed.TotalSeconds > 0 ? _value / elapsed.TotalSeconds : 0;
            _owner._error.WriteLine(
                $"{_description}: {percent} ({_value}/{_total}) {elapsed:hh\\:mm\\:ss} elapsed, {rate:0.##}/s{suffix}");
        }
    }
}
