using System.Runtime.CompilerServices;
using JpegLibrary;

namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// Receives JpegLibrary's 8×8 spatial blocks (already level-shifted; subsampled components arrive replicated to full
/// resolution) and keeps one full-resolution plane per component, clamped to [0, 2^P − 1] as libjpeg's range limit
/// does (JpegLibrary's floating-point IDCT can overshoot at hard edges).
/// </summary>
internal sealed class ComponentPlaneWriter : JpegBlockOutputWriter
{
    private readonly int _width, _height, _maximum;

    public ComponentPlaneWriter(int width, int height, int components, int precision)
    {
        _width = width;
        _height = height;
        _maximum = (1 << precision) - 1;
        Planes = new int[components][];
        for (int c = 0; c < components; c++) Planes[c] = new int[width * height];
    }

    /// <summary>One width × height plane per frame component, row-major.</summary>
    public int[][] Planes { get; }

    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if ((uint)componentIndex >= (uint)Planes.Length || x >= _width || y >= _height) return;
        int[] plane = Planes[componentIndex];
        int columns = Math.Min(8, _width - x), rows = Math.Min(8, _height - y);
        for (int row = 0; row < rows; row++)
        {
            int offset = (y + row) * _width + x;
            for (int column = 0; column < columns; column++)
            {
                plane[offset + column] = Math.Clamp(Unsafe.Add(ref blockRef, row * 8 + column), 0, _maximum);
            }
        }
    }
}
