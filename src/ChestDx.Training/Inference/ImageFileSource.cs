using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Training.Inference;

/// <summary>
/// PNG and DICOM files for prediction, normalised exactly as ingestion normalises pack images (both load through
/// <see cref="ImageLoader"/>: same decoding, grey conversion, VOI, aspect handling and resampling), so a
/// model sees at prediction what it saw in its pack. Image ids are the file names; nothing from a DICOM header (patient
/// or study identifiers) reaches the output.
/// </summary>
public sealed class ImageFileSource(IReadOnlyList<ImageInput> files, int size, AspectMode aspect) : IImageSource
{
    public int Count => files.Count;
    public string Description => $"{files.Count} image file(s)";

    public IEnumerable<SourceImage> Read(CancellationToken cancel)
    {
        foreach (ImageInput file in files)
        {
            cancel.ThrowIfCancellationRequested();
            yield return new SourceImage(file.Id, Load(file.Path, size, aspect), size);
        }
    }

    /// <summary>The S×S grey bytes ingestion would store for <paramref name="file"/>.</summary>
    public static byte[] Load(string file, int size, AspectMode aspect) =>
        ImageLoader.Load(file, new ImageLoadSettings(size, aspect));
}
