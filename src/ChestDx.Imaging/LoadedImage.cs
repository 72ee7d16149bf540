using System.Buffers;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;

namespace ChestDx.Imaging;

/// <summary>
/// One file loaded by <see cref="ImageLoader"/>: its S×S 8-bit pack image (in a buffer rented from the shared pool:
/// dispose, or take it with <see cref="TakePixels"/>) and what the manifest records about the source.
/// </summary>
public sealed class LoadedImage : IDisposable
{
    private byte[]? _pixels;

    internal LoadedImage(byte[] pixels, int size, string fileSha256, DecodedSource decoded, ImageStatistics source)
    {
        _pixels = pixels;
        Size = size;
        FileSha256 = fileSha256;
        Info = decoded.Info;
        Identity = decoded.Identity;
        Notes = decoded.Notes.ToArray();
        SourceStatistics = source;
    }

    public int Size { get; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string FileSha256 { get; }

    public SourceImageInfo Info { get; }

    /// <summary>Identifiers from the file's header (DICOM), in clear; null for PNG.
    /// See <see cref="HeaderIdentity"/>.</summary>
    public HeaderIdentity? Identity { get; }

    /// <summary>What the reader changed or noticed, complete (the pixels have been decoded).
    /// They may name the display path.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Grey-level statistics of the decoded source, before resampling.</summary>
    public ImageStatistics SourceStatistics { get; }

    /// <summary>The S×S image, row-major, 0 black … 255 white.</summary>
    public Span<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(LoadedImage)))
        .AsSpan(0, Size * Size);

    /// <summary>Hands over the rented buffer (its first S·S bytes are the image);
    /// the caller returns it to the pool.</summary>
    public byte[] TakePixels()
    {
        byte[] pixels = _pixels ?? throw new ObjectDisposedException(nameof(LoadedImage));
        _pixels = null;
        return pixels;
    }

    public void Dispose()
    {
        if (_pixels is not null) ArrayPool<byte>.Shared.Return(_pixels);
        _pixels = null;
    }
}
