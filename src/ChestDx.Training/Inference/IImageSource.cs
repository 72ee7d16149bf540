namespace ChestDx.Training.Inference;

/// <summary>One image to predict: its id (the predictions.csv key) and its S×S grey bytes, normalised the way the
/// ingestion stage normalises pack images.</summary>
public sealed record SourceImage(string ImageId, byte[] Pixels, int Size);

/// <summary>
/// Where prediction gets its images. The predictor only needs ids and normalised S×S grey bytes, so any input that
/// ingestion can normalise (pack rows, PNG files, and DICOM once the ingestion normaliser is plugged in) is a source.
/// </summary>
public interface IImageSource
{
    /// <summary>Number of images (for progress).</summary>
    int Count { get; }

    /// <summary>A description for messages ("pack /data/nih, split test").</summary>
    string Description { get; }

    /// <summary>The images in a stable order. Errors about one input name the file.</summary>
    IEnumerable<SourceImage> Read(CancellationToken cancel);
}
