using System.Diagnostics;

namespace ChestDx.Fuzz.Targets;

/// <summary>
/// The invariant every fuzz target checks, shared by the AFL harness and the regression replay tests:
/// <list type="number">
/// <item>only the library's own exception type escapes (any other exception propagates, and AFL records a
/// crash);</item>
/// <item>that exception does not wrap a programming error raised in ChestDx code (IndexOutOfRange, NullReference,
/// Overflow, ...): the reader's catch-all rewrapping must not hide a bug from the fuzzer;</item>
/// <item>the bytes allocated on the calling thread stay under a bound the target derives from its declared
/// limits.</item>
/// </list>
/// Hangs are bounded outside: AFL's -t timeout, and the replay tests' per-input time limit.
/// </summary>
public static class FuzzInvariant
{
    /// <summary>
    /// Runs <paramref name="action"/> and throws <see cref="FuzzInvariantException"/> when the invariant breaks;
    /// returns the allowed exception that rejected the input, or null when it was accepted.
    /// </summary>
    public static TAllowed? Check<TAllowed>(string target, long allocationBound, Action action)
        where TAllowed : Exception
    {
        TAllowed? rejected = null;
        ArgumentNullException.ThrowIfNull(action);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            action();
        }
        catch (TAllowed e)
        {
            ThrowIfWrapsChestDxBug(target, e);
            rejected = e;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > allocationBound)
            throw new FuzzInvariantException(
                $"{target}: allocated {allocated} bytes, over the bound of {allocationBound}");
        return rejected;
    }

    /// <summary>
    /// A runtime error (a <see cref="SystemException"/> other than an I/O or data-format one) raised by ChestDx code
    /// and wrapped into the library's exception is a bug the wrapper hides. Errors raised inside third-party code
    /// (JpegLibrary, ImageSharp) are what the codec's documented guard exists for, and are accepted.
    /// </summary>
    private static void ThrowIfWrapsChestDxBug(string target, Exception allowed)
    {
        for (Exception? inner = allowed.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is not SystemException || inner is IOException || inner is InvalidDataException) continue;
            string origin = OriginNamespace(inner);
            if (origin.StartsWith("ChestDx", StringComparison.Ordinal))
                throw new FuzzInvariantException($"{target}: {allowed.GetType().Name} wraps a {inner.GetType().Name}"
                    + $" raised in {origin}: {inner.Message}", inner);
        }
    }

    /// <summary>
    /// The namespace of the first stack frame outside the runtime, or "". The runtime's frames include its throw
    /// helpers (Internal.Runtime.CompilerHelpers.ThrowHelpers raises IndexOutOfRange for array bounds checks).
    /// </summary>
    private static readonly string[] RuntimeNamespaces = ["System", "Microsoft", "Internal"];

    private static string OriginNamespace(Exception e)
    {
        foreach (StackFrame frame in new StackTrace(e, fNeedFileInfo: false).GetFrames())
        {
            string ns = frame.GetMethod()?.DeclaringType?.Namespace ?? "";
            if (!RuntimeNamespaces.Any(r => ns.StartsWith(r, StringComparison.Ordinal))) return ns;
        }
        return "";
    }
}

/// <summary>A broken fuzz invariant: an uncaught exception AFL records as a crash, and a replay test failure.</summary>
public sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException(string message) : base(message) { }

    public FuzzInvariantException(string message, Exception inner) : base(message, inner) { }

    public FuzzInvariantException() { }
}
