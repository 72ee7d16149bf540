using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Training.Inference;

/// <summary>
/// PNG and DICOM files for prediction, normalised exactly as ingestion normalises pack images (both load through
/// <see cref="ImageLoader"/>: same decoding, grey conversion, VOI, aspect handling and resampling), so a
/// model sees at prediction what it saw in its pack. Image ids are the file names (relative paths in a folder), or
/// under a site key the ids ingest gives with that key (<see cref="ImageInputs.Load"/>); nothing else from a DICOM
/// header (patient or study identifiers) reaches the output.
/// </summary>
public sealed class ImageFileSource(IReadOnlyList<ImageInput> files, int size, AspectMode aspect,
    IInputPseudonyms? pseudonyms = null) : IImageSource
{
    public int Count => files.Count;
    public string Description => $"{files.Count} image file(s)";

    public IEnumerable<SourceImage> Read(CancellationToken cancel)
    {
        foreach (LoadedInput file in ImageInputs.Load(files, new ImageLoadSettings(size, aspect), pseudonyms, cancel))
            yield return new SourceImage(file.Id, file.Pixels, size);
    }

    /// <summary>The S×S grey bytes ingestion would store for <paramref name="file"/>.</summary>
    public static byte[] Load(string file, int size, AspectMode aspect) =>
        ImageLoader.Load(file, new ImageLoadSettings(size, aspect));
}
