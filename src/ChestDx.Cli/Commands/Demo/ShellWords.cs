using System.Text.RegularExpressions;

namespace ChestDx.Cli.Commands.Demo;

/// <summary>
/// A command line as a user types it: paths relative to the current directory when they lie under it, and each
/// argument quoted for a POSIX shell (IEEE Std 1003.1, Shell Command Language 2.2.2: single quotes preserve every
/// character but the single quote itself) only where it must be.
/// </summary>
internal static partial class ShellWords
{
    public static string Join(IEnumerable<string> args) => string.Join(' ', args.Select(Quote));

    public static string Quote(string arg) =>
        arg.Length > 0 && Plain().IsMatch(arg) ? arg : "'" + arg.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    /// <summary><paramref name="path"/> relative to <paramref name="directory"/> when it lies under it (what the user
    /// would type, standing there), else absolute: a path climbing out with ../../.. reads worse than where it is.
    /// </summary>
    public static string Relative(string path, string directory)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(directory, full);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
               || Path.IsPathRooted(relative)
            ? full
            : relative;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./:=,+@%-]+$")]
    private static partial Regex Plain();
}
