using System.Runtime.InteropServices;

namespace ChestDx.Dicom.Codecs.Native;

/// <summary>
/// Finds an optional native codec library at run time (never at build time: ChestDx must build and run on servers
/// without it, and only the transfer syntaxes that need it fail, with the package to install in the message).
/// </summary>
internal static class NativeLibraryLoader
{
    /// <summary>
    /// Loads the first of <paramref name="names"/> the platform's loader finds (LD_LIBRARY_PATH, ld.so.cache).
    /// </summary>
    public static bool TryLoad(IEnumerable<string> names, out IntPtr handle, out string loadedName)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                loadedName = name;
                return true;
            }
        }
        handle = IntPtr.Zero;
        loadedName = "";
        return false;
    }

    /// <summary>
    /// An export as a function pointer; a library without it is treated as absent (too old or not it).
    /// </summary>
    public static IntPtr Export(IntPtr handle, string name, string library) =>
        NativeLibrary.TryGetExport(handle, name, out IntPtr address)
            ? address
            : throw new DicomException($"{library} was found but does not export {name} (wrong or too old a version)");

    /// <summary>
    /// The file a loaded library was mapped from, read from /proc/self/maps on Linux (the loader does not say which
    /// file a soname resolved to); null elsewhere or when not found.
    /// </summary>
    public static string? MappedPath(string loadedName)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return null;
        string stem = Path.GetFileName(loadedName).Split(".so")[0];
        try
        {
            foreach (string line in File.ReadLines(maps))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                string path = line[slash..];
                if (Path.GetFileName(path).StartsWith(stem + ".so", StringComparison.Ordinal)) return path;
            }
        }
        catch (IOException)
        {
            return null;
        }
        return null;
    }
}
