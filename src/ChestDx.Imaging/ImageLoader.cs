using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;

namespace ChestDx.Imaging;

/// <summary>
/// The one way an image file becomes a pack image, for ingestion and for predict alike: read the file, hash it, pick
/// the reader by signature, check the memory budget from the header, then decode by rows straight into the S×S image
/// (<see cref="GreyReducer"/>: the source is never held whole where the format allows it). A model therefore sees at
/// prediction exactly the bytes ingestion would have stored for the same file.
/// </summary>
public static class ImageLoader
{
    /// <summary>
    /// Loads <paramref name="fullPath"/>.
    /// Returns false with a one-line <paramref name="rejection"/> (no file name in it)
    /// when the file is over the budget, empty or in no reader's format.
    /// Bad content throws ChestDxException or DicomException starting with <paramref name="displayPath"/>,
    /// the name readers are told (a pseudonym under a site key); I/O errors throw as the runtime's do.
    /// <paramref name="relativePath"/> is what readers without a magic number (DICOM without a
    /// preamble) judge by extension.
    /// </summary>
    public static bool TryLoad(string fullPath, string relativePath, string displayPath, ImageLoadSettings settings,
        [NotNullWhen(true)] out LoadedImage? image, [NotNullWhen(false)] out string? rejection)
    {
        image = null;
        rejection = settings.Budget?.RefuseFile(fullPath);
        if (rejection is not null) return false;
        byte[] bytes = ReadFile(fullPath, out int length);
        byte[]? pixels = null;
        try
        {
            ReadOnlySpan<byte> contents = bytes.AsSpan(0, length);
            if (length == 0)
            {
                rejection = "empty file";
                return false;
            }
            string sha256 = Convert.ToHexStringLower(SHA256.HashData(contents));
            IImageFileReader? reader = settings.FindReader(bytes.AsSpan(0, Math.Min(length, 1024)), relativePath);
            if (reader is null)
            {
                rejection = settings.Unsupported;
                return false;
            }

            using DecodedSource decoded = reader.Read(bytes.AsMemory(0, length), displayPath);
            rejection = settings.Budget?.Refuse(decoded.Pixels, length, settings.Size);
            if (rejection is not null) return false;
            pixels = ArrayPool<byte>.Shared.Rent(settings.Size * settings.Size);
            var reducer = new GreyReducer(settings.Size, settings.Aspect, pixels);
            decoded.Pixels.WriteTo(reducer);
            ImageStatistics source = reducer.Finish();
            image = new LoadedImage(pixels, settings.Size, sha256, decoded, source);
            pixels = null;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (pixels is not null) ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// The S×S grey bytes of <paramref name="path"/> (predict: no memory budget unless <paramref name="settings"/> has
    /// one). Every problem throws one "PATH: problem" line, the path as given.
    /// </summary>
    public static byte[] Load(string path, ImageLoadSettings settings)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "image file not found");
        if (!TryLoad(path, path, path, settings, out LoadedImage? image, out string? rejection))
            throw ChestDxException.ForFile(path, rejection);
        using (image) return image.Pixels.ToArray();
    }

    /// <summary>The whole file in a buffer rented from the shared pool (return it);
    /// <paramref name="length"/> bytes are valid.</summary>
    public static byte[] ReadFile(string path, out int length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long size = RandomAccess.GetLength(handle);
        if (size > int.MaxValue / 2) throw new ChestDxException($"{path}: {size} bytes is too large for one image");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)size));
        int total = 0;
        while (total < size)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(total, (int)size - total), total);
            if (n == 0) break;
            total += n;
        }
        length = total;
        return buffer;
    }
}
