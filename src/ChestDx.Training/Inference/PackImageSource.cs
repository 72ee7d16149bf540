using ChestDx.Core;
using ChestDx.Core.Packs;

namespace ChestDx.Training.Inference;

/// <summary>The images of a dataset pack, all of them or one split, in pack order.</summary>
public sealed class PackImageSource : IImageSource, IDisposable
{
    private readonly DatasetPack _pack;
    private readonly IReadOnlyList<PackEntry> _entries;

    public PackImageSource(string directory, string? split)
    {
        _pack = DatasetPack.Open(directory);
        _entries = split is null ? _pack.Entries : _pack.Split(split);
        if (_entries.Count == 0)
        {
            _pack.Dispose();
            throw ChestDxException.ForFile(directory,
                $"split '{split}' has no images (splits: "
                + $"{string.Join(", ", _pack.Entries.Select(e => e.Split).Distinct().Order())})");
        }
        Description = split is null ? $"pack {directory}" : $"pack {directory}, split {split}";
    }

    public int Count => _entries.Count;
    public string Description { get; }
    public DatasetPack Pack => _pack;
    public IReadOnlyList<PackEntry> Entries => _entries;

    public IEnumerable<SourceImage> Read(CancellationToken cancel)
    {
        foreach (PackEntry e in _entries)
        {
            cancel.ThrowIfCancellationRequested();
            yield return new SourceImage(e.ImageId, _pack.GetImage(e.Row).ToArray(), _pack.ImageSize);
        }
    }

    public void Dispose() => _pack.Dispose();
}
