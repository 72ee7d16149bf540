
namespace ChestDx.Phantoms.Rendering;

/// <summary>A rendered phantom: <see cref="Size"/>² grey samples, row-major, 0–255 (8-bit)
/// or 0–65535 (16-bit).</summary>
public sealed class PhantomImage(int size, int bits, ushort[] pixels)
{
    public int Size { get; } = size;
    public int Bits { get; } = bits;
    public ushort[] Pixels { get; } = pixels;
}

/// <summary>
/// Anatomy rendered alongside the image, at the image's resolution (each value the fraction of the pixel's area
/// covered): the cardiac silhouette and the lung fields. For measuring what was drawn — the cardiothoracic ratio —
/// rather than trusting the parameters it was drawn from.
/// </summary>
public sealed class PhantomLayers(int size)
{
    public int Size { get; } = size;
    public double[] Heart { get; } = new double[size * size];
    public double[] Lungs { get; } = new double[size * size];
}
