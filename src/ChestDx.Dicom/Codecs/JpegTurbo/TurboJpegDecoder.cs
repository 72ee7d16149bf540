namespace ChestDx.Dicom.Codecs.JpegTurbo;

/// <summary>The facts of a JPEG codestream's frame header, as libjpeg-turbo reads them.</summary>
/// <param name="Components">1 for grey codestreams, 3 for colour ones (CMYK: 4).</param>
public sealed record TurboJpegHeader(int Width, int Height, int Components);

/// <summary>
/// 8-bit JPEG (ITU-T T.81 baseline, extended 8-bit and progressive) decoded to grey by libjpeg-turbo, optionally
/// scaled down in the DCT domain (the decoder computes fewer output samples, which is what makes a 2500×3000
/// radiograph cheap to bring to a 256² pack image). Grey codestreams decode to their samples; colour ones to their
/// luma (the Y of YCbCr, which is libjpeg's grey output), as djpeg -grayscale does. The library is optional: without it
/// <see cref="IsAvailable"/> is false and callers use their managed fallback. Thread-safe: each call has its own
/// TurboJPEG handle.
/// </summary>
public static unsafe class TurboJpegDecoder
{
    // djpeg's defaults, so outputs equal `djpeg` bit for bit: the accurate integer IDCT ("islow") and fancy upsampling.
    private const int Flags = 0;

    public static bool IsAvailable => TurboJpeg.TryGet() is not null;

    /// <summary>The library's file name as the loader resolved it; null when not installed.</summary>
    public static string? LoadedName => TurboJpeg.TryGet()?.LoadedName;

    /// <summary>The Debian package that provides it.</summary>
    public const string Package = TurboJpeg.Package;

    /// <summary>The scales the library decodes at, largest reduction first among those ≤ 1.</summary>
    public static IReadOnlyList<ScalingFactor> DownscalingFactors =>
        TurboJpeg.TryGet() is { } lib
            ? lib.ScalingFactors.Where(f => f.Num <= f.Denom).OrderBy(f => (double)f.Num / f.Denom).ToList()
            : [];

    /// <summary>Reads the frame header. Throws <see cref="DicomException"/> naming <paramref name="name"/>.</summary>
    public static TurboJpegHeader ReadHeader(ReadOnlySpan<byte> jpeg, string name)
    {
        TurboJpeg lib = Get();
        IntPtr handle = lib.InitDecompress();
        if (handle == IntPtr.Zero) throw new DicomException($"{name}: libjpeg-turbo could not create a decoder");
        try
        {
            int width, height, subsampling, colourspace;
            fixed (byte* source = jpeg)
            {
                if (lib.DecompressHeader3(handle, source, (nuint)jpeg.Length, &width, &height, &subsampling,
                        &colourspace) != 0)
                    throw new DicomException($"{name}: not a JPEG libjpeg-turbo reads ({lib.ErrorText(handle)})");
            }
            int components = colourspace switch { TurboJpeg.ColourspaceGrey => 1, 3 or 4 => 4, _ => 3 };
            return new TurboJpegHeader(width, height, components);
        }
        finally
        {
            lib.Destroy(handle);
        }
    }

    /// <summary>
    /// The smallest supported downscale whose output still satisfies <paramref name="accepts"/> (given the scaled
    /// width and height), or 1/1 when none does.
    /// </summary>
    public static ScalingFactor ChooseScale(int width, int height, Func<int, int, bool> accepts)
    {
        foreach (ScalingFactor f in DownscalingFactors)
            if (accepts(f.Scale(width), f.Scale(height))) return f;
        return new ScalingFactor(1, 1);
    }

    /// <summary>
    /// Decodes <paramref name="jpeg"/> to grey at <paramref name="scale"/> into <paramref name="destination"/>, which
    /// holds scale(width) × scale(height) bytes, rows top to bottom without padding. Any libjpeg-turbo error or
    /// warning (a truncated or corrupt codestream) throws: nothing is silently filled in.
    /// </summary>
    public static void DecodeGrey(ReadOnlySpan<byte> jpeg, TurboJpegHeader header, ScalingFactor scale,
        Span<byte> destination, string name)
    {
        TurboJpeg lib = Get();
        int width = scale.Scale(header.Width), height = scale.Scale(header.Height);
        if (destination.Length < (long)width * height)
            throw new ArgumentException($"destination holds {destination.Length} bytes, {width}×{height} needed");
        IntPtr handle = lib.InitDecompress();
        if (handle == IntPtr.Zero) throw new DicomException($"{name}: libjpeg-turbo could not create a decoder");
        try
        {
            fixed (byte* source = jpeg)
            fixed (byte* target = destination)
            {
                if (lib.Decompress2(handle, source, (nuint)jpeg.Length, target, width, width, height,
                        TurboJpeg.PixelFormatGrey, Flags) != 0)
                    throw new DicomException($"{name}: JPEG data is corrupt ({lib.ErrorText(handle)})");
            }
        }
        finally
        {
            lib.Destroy(handle);
        }
    }

    private static TurboJpeg Get() => TurboJpeg.TryGet() ?? throw new DicomException(
        $"decoding JPEG with libjpeg-turbo needs apt-get install {Package} (libturbojpeg.so.0 was not found)");
}
