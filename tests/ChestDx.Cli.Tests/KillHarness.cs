using System.Diagnostics;
using ChestDx.Ingest.TestPoints;
using Spectre.Console;

namespace ChestDx.Cli.Tests;

/// <summary>
/// This test assembly doubles as the kill -9 harness of the resume tests (the test runners load it and never call
/// Main): <c>dotnet ChestDx.Cli.Tests.dll --kill-at POINT[:N] ARGS…</c> runs <c>chestdx ARGS…</c> in this process and
/// SIGKILLs it the N-th time (default 1) the ingest reaches <see cref="IngestTestPoints"/> POINT. The hook lives here,
/// in test code, so no option or environment variable of the shipped chestdx can kill a run.
/// </summary>
internal static class KillHarness
{
    public const string Option = "--kill-at";

    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != Option)
        {
            Console.Error.WriteLine($"usage: dotnet ChestDx.Cli.Tests.dll {Option} POINT[:N] CHESTDX-ARGS…");
            return 2;
        }
        string[] spec = args[1].Split(':');
        string target = spec[0];
        int nth = spec.Length > 1 ? int.Parse(spec[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        int seen = 0;
        IngestTestPoints.Reached = point =>
        {
            if (point != target || ++seen != nth) return;
            Console.Out.Flush();
            Process.GetCurrentProcess().Kill(); // SIGKILL on Unix: no finally blocks, no flushes, like kill -9
        };
        return ChestDxApp.Run(args[2..], AnsiConsole.Console, Console.Error);
    }
}
