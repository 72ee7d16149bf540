
namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// Receives a decoded grey image one row at a time, top to bottom: <see cref="Begin"/> once, then exactly Height
/// calls of <see cref="Row(ReadOnlySpan{byte})"/> (8-bit images) or <see cref="Row(ReadOnlySpan{ushort})"/> (16-bit).
/// This is what lets ingestion decode a 12000 × 12000 PNG without ever holding it:
/// memory is a few rows plus the sink's state.
/// </summary>
public interface IGreyRowSink
{
    /// <param name="maxValue">The value that means white (255 for 8-bit rows).</param>
    void Begin(int width, int height, int maxValue, bool eightBit);

    void Row(ReadOnlySpan<byte> row);

    void Row(ReadOnlySpan<ushort> row);
}

/// <summary>
/// A decoded-on-demand grey image: its size is known from the file's header, its rows are produced when
/// <see cref="WriteTo"/> runs (once). <see cref="WorkingBytes"/> says, before anything is decoded, how much memory
/// writing will hold beyond the file's own bytes, so that a budget can refuse it first.
/// </summary>
public abstract class GreyRows : IDisposable
{
    public abstract int Width { get; }
    public abstract int Height { get; }

    /// <summary>Bytes held while <see cref="WriteTo"/> runs, not counting the encoded file (an estimate
    /// from the header).</summary>
    public abstract long WorkingBytes { get; }

    /// <summary>How the rows are produced, for a budget refusal: e.g. "streamed by rows",
    /// "PNG decoded whole (interlaced)".</summary>
    public abstract string Decoding { get; }

    /// <summary>Decodes and sends every row to <paramref name="sink"/>.
    /// Bad content throws as the reader's Read would.</summary>
    public abstract void WriteTo(IGreyRowSink sink);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
