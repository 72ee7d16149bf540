namespace ChestDx.Ingest.Tests.Normalisation;

/// <summary>
/// Area resampling written the obvious way, in doubles, as an independent check of the production resampler:
/// each output pixel is the mean of the source area it covers, each source pixel weighted by the exact area of its
/// overlap with the output pixel's footprint; then scaled to 0–255 and rounded half up.
/// </summary>
internal static class ReferenceResize
{
    public static byte[] Area(double[] source, int width, int height, int outWidth, int outHeight, double maxValue)
    {
        var result = new byte[outWidth * outHeight];
        double sx = (double)width / outWidth, sy = (double)height / outHeight;
        for (int oy = 0; oy < outHeight; oy++)
            for (int ox = 0; ox < outWidth; ox++)
            {
                double x0 = ox * sx, x1 = (ox + 1) * sx, y0 = oy * sy, y1 = (oy + 1) * sy;
                double sum = 0, area = 0;
                for (int y = (int)Math.Floor(y0); y < Math.Min(height, (int)Math.Ceiling(y1)); y++)
                    for (int x = (int)Math.Floor(x0); x < Math.Min(width, (int)Math.Ceiling(x1)); x++)
                    {
                        double overlap = (Math.Min(x + 1, x1) - Math.Max(x, x0))
                                         * (Math.Min(y + 1, y1) - Math.Max(y, y0));
                        sum += overlap * source[y * width + x];
                        area += overlap;
                    }
                result[oy * outWidth + ox] = (byte)Math.Floor(sum / area * 255.0 / maxValue + 0.5);
            }
        return result;
    }
}
