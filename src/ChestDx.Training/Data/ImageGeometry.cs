using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Training.Settings;

namespace ChestDx.Training.Data;

/// <summary>How one sample is cut from its S×S pack image: crop origin, flip and optional affine.</summary>
/// <param name="X">Left edge of the crop in the pack image (0 when the whole image is resized).</param>
/// <param name="Y">Top edge of the crop.</param>
/// <param name="Flip">Mirror left–right.</param>
/// <param name="Degrees">Rotation (counter-clockwise), 0 = none.</param>
/// <param name="TranslateX">Shift as a fraction of the side (positive = right).</param>
/// <param name="TranslateY">Shift as a fraction of the side (positive = down).</param>
/// <param name="Scale">Zoom factor, 1 = none.</param>
public readonly record struct SampleView(
    int X, int Y, bool Flip, double Degrees = 0, double TranslateX = 0, double TranslateY = 0, double Scale = 1)
{
    public bool HasAffine => Degrees != 0 || TranslateX != 0 || TranslateY != 0 || Scale != 1;
}

/// <summary>
/// Maps the pack's S×S images to the network's H×H input, for training (random crop or resize, flip, affine) and for
/// evaluation (center crop or resize; ten-crop for test-time augmentation), exactly as torchvision's transforms
/// RandomCrop, CenterCrop and TenCrop place their windows.
/// </summary>
public sealed record ImageGeometry
{
    public required int PackSize { get; init; }
    public required int InputSize { get; init; }
    public required bool TrainResize { get; init; }
    public required bool EvalResize { get; init; }
    public bool HorizontalFlip { get; init; }
    public double AffineDegrees { get; init; }
    public double AffineTranslate { get; init; }
    public double AffineScale { get; init; }

    public static ImageGeometry For(TrainConfig config, int packSize, string packPath)
    {
        var g = new ImageGeometry
        {
            PackSize = packSize,
            InputSize = config.InputSize,
            TrainResize = config.TrainCrop == TrainCrop.Resize,
            EvalResize = config.EvalCrop == EvalCrop.Resize,
            HorizontalFlip = config.HorizontalFlip,
            AffineDegrees = config.AffineDegrees,
            AffineTranslate = config.AffineTranslate,
            AffineScale = config.AffineScale,
        };
        if (packSize < config.InputSize && (!g.TrainResize || !g.EvalResize))
            throw ChestDxException.ForFile(packPath,
                $"the pack's images are {packSize}×{packSize} but input_size is {config.InputSize}: set input_size ≤ " +
                $"{packSize} (--set input_size={packSize}) or crop=resize to upsample");
        return g;
    }

    /// <summary>Side of the window taken from the pack image (the whole image when resizing).</summary>
    public int WindowSize(bool training) => (training ? TrainResize : EvalResize) ? PackSize : InputSize;

    public bool NeedsResize(bool training) => WindowSize(training) != InputSize;

    public SampleView ForTraining(long seed, int epoch, int position)
    {
        var rng = new SampleRng(seed, SampleRng.Purpose.Augmentation, epoch, position);
        int window = WindowSize(training: true);
        int x = PackSize > window ? rng.NextInt(PackSize - window + 1) : 0;
        int y = PackSize > window ? rng.NextInt(PackSize - window + 1) : 0;
        bool flip = HorizontalFlip && rng.NextDouble() < 0.5;
        double degrees = rng.NextSymmetric(AffineDegrees);
        double tx = rng.NextSymmetric(AffineTranslate);
        double ty = rng.NextSymmetric(AffineTranslate);
        double scale = 1 + rng.NextSymmetric(AffineScale);
        return new SampleView(x, y, flip, degrees, tx, ty, scale);
    }

    /// <summary>torchvision CenterCrop: offset int(round((S − H) / 2)).</summary>
    public SampleView ForEvaluation()
    {
        int window = WindowSize(training: false);
        int offset = (int)Math.Round((PackSize - window) / 2.0, MidpointRounding.ToEven);
        return new SampleView(offset, offset, false);
    }

    /// <summary>
    /// torchvision TenCrop: the four corners and the center, then the same five mirrored (CheXNet reproductions
    /// average the ten outputs at test time, arnoweng/CheXNet). With resize, five identical windows remain.
    /// </summary>
    public IReadOnlyList<SampleView> TenCrop()
    {
        int window = WindowSize(training: false);
        int far = PackSize - window;
        SampleView center = ForEvaluation();
        SampleView[] five = [new(0, 0, false), new(far, 0, false), new(0, far, false), new(far, far, false), center];
        return [.. five, .. five.Select(v => v with { Flip = true })];
    }
}
