using System.Buffers;
using System.Diagnostics;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Sources;

namespace ChestDx.Bench.Ingest;

/// <summary>
/// ChestDx's side of the "decode + resize" work, the same as Pillow's `open → draft → convert("L") → resize` in
/// pillow_jpeg.py: the file read into memory, decoded by the JPEG reader (libjpeg-turbo at the DCT scale the pack size
/// allows), reduced to the S×S pack image (the reducer also counts the source histogram, as it always does), written
/// to Stream.Null. No SHA-256, no output statistics, no pack write: those belong to the ingest step.
/// </summary>
internal static class JpegDecodeResize
{
    /// <summary>Images per second over <paramref name="work"/>, one image after another on this thread.</summary>
    public static double Time(SourceFile[] work, int size, CancellationToken cancel)
    {
        byte[] pixels = new byte[size * size];
        var clock = Stopwatch.StartNew();
        foreach (SourceFile file in work)
        {
            cancel.ThrowIfCancellationRequested();
            byte[] bytes = ImageLoader.ReadFile(file.FullPath, out int length);
            try
            {
                using DecodedSource decoded = JpegFileReader.Instance.Read(bytes.AsMemory(0, length), file.FullPath);
                var reducer = new GreyReducer(size, AspectMode.Pad, pixels);
                decoded.Pixels.WriteTo(reducer);
                reducer.Finish();
                Stream.Null.Write(pixels, 0, pixels.Length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        return work.Length / clock.Elapsed.TotalSeconds;
    }
}
