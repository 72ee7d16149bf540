using System.IO.MemoryMappedFiles;
using System.Text.Json;

namespace ChestDx.Core.Packs;

/// <summary>
/// An opened dataset pack: pack.json and manifest.csv parsed and checked, images.u8 memory-mapped so a 112,120-image
/// pack (7.3 GB at 256²) costs no RAM until pages are touched. Opening checks that the three files agree and that no
/// patient appears in two splits; every later stage can rely on both.
/// </summary>
public sealed unsafe class DatasetPack : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _images;
    private bool _disposed;

    public string Directory { get; }
    public PackInfo Info { get; }
    public IReadOnlyList<PackEntry> Entries { get; }
    public int ImageSize => Info.ImageSize;
    public IReadOnlyList<string> Classes => Info.Classes;
    public int Count => Entries.Count;

    private DatasetPack(string directory, PackInfo info, List<PackEntry> entries, MemoryMappedFile? map,
        MemoryMappedViewAccessor? view)
    {
        Directory = directory;
        Info = info;
        Entries = entries;
        _map = map;
        _view = view;
        if (view is not null)
        {
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _images = p + view.PointerOffset;
        }
    }

    public static PackInfo ReadInfo(string directory)
    {
        string infoPath = Path.Combine(directory, PackFormat.InfoFile);
        if (!File.Exists(infoPath))
            throw ChestDxException.ForFile(directory, $"not a dataset pack: {PackFormat.InfoFile} is missing");
        PackInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<PackInfo>(File.ReadAllText(infoPath), PackInfo.JsonOptions);
        }
        catch (JsonException e)
        {
            throw ChestDxException.ForFile(infoPath, $"invalid JSON: {e.Message}", e);
        }
        if (info is null) throw ChestDxException.ForFile(infoPath, "empty pack description");
        if (info.SchemaVersion != PackFormat.SchemaVersion)
            throw ChestDxException.ForFile(infoPath, $"schema version {info.SchemaVersion}; "
                + $"this ChestDx reads version {PackFormat.SchemaVersion}");
        if (info.ImageSize <= 0)
            throw ChestDxException.ForFile(infoPath, $"image_size {info.ImageSize} is not positive");
        if (info.Classes.Count == 0) throw ChestDxException.ForFile(infoPath, "no classes listed");
        return info;
    }

    public static DatasetPack Open(string directory)
    {
        PackInfo info = ReadInfo(directory);
        string manifestPath = Path.Combine(directory, PackFormat.ManifestFile);
        if (!File.Exists(manifestPath))
            throw ChestDxException.ForFile(directory, $"{PackFormat.ManifestFile} is missing");
        List<PackEntry> entries = ManifestCsv.Read(manifestPath, info.Classes);
        if (entries.Count != info.Count)
            throw ChestDxException.ForFile(
                manifestPath, $"{entries.Count} rows but pack.json says {info.Count} images");
        for (int i = 0; i < entries.Count; i++)
            if (entries[i].Row != i)
                throw ChestDxException.ForFile(manifestPath, $"row {i} has row number {entries[i].Row}; "
                    + $"rows must be 0..N-1 in order");
        CheckPatientsDisjoint(manifestPath, entries);

        string imagesPath = Path.Combine(directory, PackFormat.ImagesFile);
        if (!File.Exists(imagesPath)) throw ChestDxException.ForFile(directory, $"{PackFormat.ImagesFile} is missing");
        long expected = (long)info.Count * info.ImageSize * info.ImageSize;
        long actual = new FileInfo(imagesPath).Length;
        if (actual != expected)
            throw ChestDxException.ForFile(imagesPath, $"{actual} bytes, expected {expected} ({info.Count} images of "
                + $"{info.ImageSize}×{info.ImageSize})");
        if (expected == 0) return new DatasetPack(directory, info, entries, null, null);

        var map =
            MemoryMappedFile.CreateFromFile(imagesPath, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, expected, MemoryMappedFileAccess.Read);
        return new DatasetPack(directory, info, entries, map, view);
    }

    /// <summary>Throws when a patient id appears in more than one split (leakage between training
    /// and evaluation).</summary>
    public static void CheckPatientsDisjoint(string path, IEnumerable<PackEntry> entries)
    {
        var splitOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var leaks = new List<string>();
        foreach (PackEntry e in entries)
        {
            if (e.PatientId.Length == 0) continue;
            if (!splitOf.TryAdd(e.PatientId, e.Split) && splitOf[e.PatientId] != e.Split && leaks.Count < 5)
                leaks.Add($"patient {e.PatientId} in '{splitOf[e.PatientId]}' and '{e.Split}'");
        }
        if (leaks.Count > 0)
            throw ChestDxException.ForFile(
                path, "patients appear in more than one split (leakage): " + string.Join("; ", leaks));
    }

    /// <summary>The S×S bytes of image <paramref name="row"/>. Valid until the pack is disposed.</summary>
    public ReadOnlySpan<byte> GetImage(int row)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        int bytes = ImageSize * ImageSize;
        return new ReadOnlySpan<byte>(_images + (long)row * bytes, bytes);
    }

    /// <summary>Rows of one split, in pack order.</summary>
    public IReadOnlyList<PackEntry> Split(string name) => Entries.Where(e => e.Split == name).ToList();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _map?.Dispose();
    }
}
