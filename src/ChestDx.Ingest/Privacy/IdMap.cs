using System.Globalization;
using ChestDx.Core;
using ChestDx.Core.IO;
using CsvHelper;

namespace ChestDx.Ingest.Privacy;

/// <summary>
/// One input's pseudonyms next to the clear values they stand for. Clear fields are empty where the input has none
/// (a PNG has no SOP Instance UID, a labels row without an image has no path).
/// </summary>
public sealed record IdMapRow(
    string ImageId, string Source, string RelativePath, string LabelsImageId, string SopInstanceUid, string PatientId,
    string ClearPatientId);

/// <summary>
/// `chestdx ingest --id-map FILE`: the link from pseudonyms back to the hospital's identifiers, for a site that must
/// find the original study of an image. It is the only file ChestDx ever writes with that link, so it must not travel
/// with the pack: it is refused inside the output pack, requires a site key (without one nothing is pseudonymised),
/// and is created readable and writable by its owner only (mode 0600), atomically (a temporary file renamed over it).
/// </summary>
public static class IdMap
{
    public static readonly string[] Columns =
    [
        "image_id", "source", "relative_path", "labels_image_id", "sop_instance_uid", "patient_id",
        "clear_patient_id",
    ];

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Refuses an id map without a key, inside the pack or inside the source folder (where the next run would scan it
    /// as an input); call before any work is done.
    /// </summary>
    public static void Validate(string path, string packDirectory, string sourceDirectory, Pseudonymiser pseudonyms)
    {
        if (!pseudonyms.Enabled)
            throw ChestDxException.ForFile(path,
                "--id-map needs a site key (--key-file or $" + Pseudonymiser.KeyVariable +
                "): without one nothing is pseudonymised");
        string full = Path.GetFullPath(path);
        if (Inside(full, packDirectory))
            throw ChestDxException.ForFile(path,
                $"--id-map must be outside the pack {Path.GetFullPath(packDirectory)}: " +
                "the pack is shared, the map re-identifies it");
        if (Inside(full, sourceDirectory))
            throw ChestDxException.ForFile(path,
                "--id-map must be outside the source folder: the next run would read it as an input");
        if (Directory.Exists(full)) throw ChestDxException.ForFile(path, "--id-map is a directory; give a file name");
    }

    private static bool Inside(string fullPath, string directory)
    {
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return fullPath == dir || fullPath.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes the CSV with mode 0600 from its first byte (never readable by others, even while being written), then
    /// renames it into place.
    /// </summary>
    public static void Write(string path, IEnumerable<IdMapRow> rows)
    {
        string tmp = AtomicFile.TempPathFor(path);
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16,
            };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using (var stream = new FileStream(tmp, options))
            {
                using (var writer = new StreamWriter(stream, leaveOpen: true))
                using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
                {
                    foreach (string c in Columns) csv.WriteField(c);
                    csv.NextRecord();
                    foreach (IdMapRow r in rows)
                    {
                        foreach (string f in new[]
                        {
                            r.ImageId, r.Source, r.RelativePath, r.LabelsImageId, r.SopInstanceUid, r.PatientId,
                            r.ClearPatientId,
                        })
                            csv.WriteField(f);
                        csv.NextRecord();
                    }
                }
                // The umask can only narrow the create mode: set it so the file is exactly 0600 whatever the umask.
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
