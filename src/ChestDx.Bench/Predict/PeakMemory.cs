using System.Globalization;

namespace ChestDx.Bench.Predict;

/// <summary>
/// The process's resident memory from /proc/self/status (Linux proc(5)): VmRSS now and VmHWM, the peak, which writing
/// "5" to /proc/self/clear_refs resets to the current RSS, so each engine's peak is measured on its own.
/// </summary>
public static class PeakMemory
{
    /// <summary>Resets the peak; false where the kernel refuses (then peaks include earlier phases).</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long? PeakBytes() => Field("VmHWM");

    public static long? CurrentBytes() => Field("VmRSS");

    private static long? Field(string name)
    {
        if (!File.Exists("/proc/self/status")) return null;
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    CultureInfo.InvariantCulture) * 1024;
        return null;
    }
}
