namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// A row sink that can say whether a smaller version of the source would do. Decoders that shrink cheaply while
/// decoding (JPEG's DCT-domain scaling) ask it, so that a 2500×3000 radiograph bound for a 256² pack image is not
/// decoded at full size first.
/// </summary>
public interface IDownscalableSink : IGreyRowSink
{
    /// <summary>
    /// Whether a source <paramref name="width"/>×<paramref name="height"/> scaled to
    /// <paramref name="scaledWidth"/>×<paramref name="scaledHeight"/> still has at least as many samples as this sink
    /// keeps along the side that sets its scale (so the sink only ever reduces, never enlarges).
    /// </summary>
    bool AcceptsScaled(int width, int height, int scaledWidth, int scaledHeight);
}
