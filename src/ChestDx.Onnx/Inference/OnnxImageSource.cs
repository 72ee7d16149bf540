using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ChestDx.Onnx.Inference;

/// <summary>One image to predict: its id (the predictions.csv key) and its S×S grey bytes.</summary>
public sealed record OnnxImage(string ImageId, byte[] Pixels);

/// <summary>
/// The images of a prediction run as the model's S×S grey bytes, read the way the TorchSharp run reads them: pack rows
/// (brought to S with a triangle filter when the pack was made at another size, as Training's Predictor does) or image
/// files through <see cref="ImageLoader"/> (ingestion's normalisation).
/// </summary>
public static class OnnxImageSource
{
    public static (int Count, string Description, IEnumerable<OnnxImage> Images) Open(IReadOnlyList<string> inputs,
        string? split, int size, AspectMode aspect, Action<string> warn, CancellationToken cancel,
        IInputPseudonyms? pseudonyms = null)
    {
        bool isPack = inputs.Count == 1 && File.Exists(Path.Combine(inputs[0], PackFormat.InfoFile));
        if (!isPack && split is not null)
            throw new ChestDxException("--split applies to a pack; --data lists image files");
        if (!isPack)
        {
            var settings = new ImageLoadSettings(size, aspect);
            IReadOnlyList<ImageInput> files = ImageInputs.Expand(inputs, settings, warn, pseudonyms);
            return (files.Count, $"{files.Count} image file(s)",
                ImageInputs.Load(files, settings, pseudonyms, cancel).Select(f => new OnnxImage(f.Id, f.Pixels)));
        }
        ImageInputs.CheckPackKey(inputs[0], pseudonyms);
        var pack = DatasetPack.Open(inputs[0]);
        IReadOnlyList<PackEntry> entries = split is null ? pack.Entries : pack.Split(split);
        if (entries.Count == 0)
        {
            pack.Dispose();
            throw ChestDxException.ForFile(inputs[0], $"split '{split}' has no images");
        }
        if (pack.ImageSize != size)
            warn($"images are {pack.ImageSize}×{pack.ImageSize} but the model was trained on {size}×{size}: "
                + "resizing");
        string description = split is null ? $"pack {inputs[0]}" : $"pack {inputs[0]}, split {split}";
        return (entries.Count, description, Rows(pack, entries, size, cancel));
    }

    private static IEnumerable<OnnxImage> Rows(DatasetPack pack, IReadOnlyList<PackEntry> entries, int size,
        CancellationToken cancel)
    {
        using (pack)
            foreach (PackEntry e in entries)
            {
                cancel.ThrowIfCancellationRequested();
                byte[] pixels = pack.GetImage(e.Row).ToArray();
                yield return new OnnxImage(e.ImageId,
                    pack.ImageSize == size ? pixels : Fit(pixels, pack.ImageSize, size));
            }
    }

    private static byte[] Fit(byte[] pixels, int from, int to)
    {
        using var image = Image.LoadPixelData<L8>(pixels, from, from);
        image.Mutate(m => m.Resize(to, to, KnownResamplers.Triangle));
        var result = new byte[to * to];
        image.CopyPixelDataTo(result);
        return result;
    }
}
