
namespace ChestDx.Imaging.Normalisation;

/// <summary>A sink that keeps every row: turns a row decoder back into a whole <see cref="GreyBuffer"/>
/// (tests, small images).</summary>
public sealed class GreyBufferCollector : IGreyRowSink
{
    private int _row;

    /// <summary>The image being filled; the caller owns (disposes) it.</summary>
    public GreyBuffer? Image { get; private set; }

    public void Begin(int width, int height, int maxValue, bool eightBit) =>
        Image = eightBit ? GreyBuffer.Rent8(width, height) : GreyBuffer.Rent16(width, height, maxValue);

    public void Row(ReadOnlySpan<byte> row) => row.CopyTo(Image!.Bytes.Slice(_row++ * Image.Width, Image.Width));

    public void Row(ReadOnlySpan<ushort> row) => row.CopyTo(Image!.Words.Slice(_row++ * Image.Width, Image.Width));
}
