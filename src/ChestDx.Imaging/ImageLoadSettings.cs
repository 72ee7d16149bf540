using ChestDx.Core.Packs;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;

namespace ChestDx.Imaging;

/// <summary>How <see cref="ImageLoader"/> turns a file into a pack image: side, aspect handling,
/// readers, memory budget.</summary>
/// <param name="Size">Side S of the square 8-bit image (a pack's size; <see cref="Normaliser.AllowedSizes"/>).</param>
/// <param name="Aspect">How a non-square image becomes square.</param>
public sealed record ImageLoadSettings(int Size, AspectMode Aspect)
{
    /// <summary>PNG, then DICOM: the formats ingestion and predict read.</summary>
    public static IReadOnlyList<IImageFileReader> DefaultReaders { get; } =
        [PngFileReader.Instance, JpegFileReader.Instance, DicomFileReader.Instance];

    /// <summary>Asked in order; the first whose <see cref="IImageFileReader.CanRead"/> accepts the
    /// file decodes it.</summary>
    public IReadOnlyList<IImageFileReader> Readers { get; init; } = DefaultReaders;

    /// <summary>`--max-image-memory`: images over it are refused before their pixels are decoded.
    /// Null: no limit.</summary>
    public MemoryBudget? Budget { get; init; }

    /// <summary>The reader for a file from its first bytes (up to 1 KiB) and its name,
    /// or null when none recognises it.</summary>
    public IImageFileReader? FindReader(ReadOnlySpan<byte> head, string relativePath)
    {
        foreach (IImageFileReader reader in Readers)
            if (reader.CanRead(head, relativePath)) return reader;
        return null;
    }

    /// <summary>The rejection reason for a file no reader recognises: "not a supported image:
    /// no PNG, JPEG or DICOM signature".</summary>
    public string Unsupported => $"not a supported image: no {Formats} signature";

    /// <summary>The readers' formats as a list for messages: "PNG, JPEG or DICOM".</summary>
    public string Formats
    {
        get
        {
            string[] formats = Readers.Select(r => r.Format.ToUpperInvariant()).ToArray();
            return formats.Length <= 1
                ? string.Concat(formats)
                : $"{string.Join(", ", formats[..^1])} or {formats[^1]}";
        }
    }
}
