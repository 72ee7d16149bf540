using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Data;

/// <summary>
/// Turns pack images into network input. Two sources, one result: <see cref="FromPack"/> copies each sample's window
/// straight out of the memory-mapped images.u8 on the CPU (mirroring rows while copying), and <see cref="FromDevice"/>
/// cuts the same windows from a uint8 copy of the images kept on the GPU (<see cref="DeviceImages"/>). Both then run
/// the same tensor steps on their device: ÷255, resize (when the window is not H×H), affine, the weights' input scaling
/// (<see cref="InputNormalisation"/>), optionally channels-last.
/// </summary>
public sealed class BatchAssembler(ImageGeometry geometry, bool channelsLast)
{
    public ImageGeometry Geometry { get; } = geometry;

    /// <summary>How grey values become input values (the weights' <see cref="ModelPackage.InputScaling"/>).</summary>
    public InputScaling Scaling { get; init; } = InputScaling.Imagenet;

    /// <summary>Input channels of the network (the weights' <see cref="ModelPackage.InputChannels"/>).</summary>
    public int Channels { get; init; } = 3;

    /// <summary>The bytes of image <paramref name="index"/> of a batch (S×S, row-major).</summary>
    public delegate ReadOnlySpan<byte> ImageAt(int index);

    /// <summary>Builds a batch on the CPU from the pack
    /// (thread-safe: the producer calls it in the background).</summary>
    public Batch FromPack(DatasetPack pack, int[] rows, SampleView[] views, bool training, bool pin)
    {
        Tensor inputs = Inputs(i => pack.GetImage(rows[i]), pack.ImageSize, views, training);
        (Tensor targets, Tensor mask) = Labels(pack, rows);
        if (pin)
        {
            inputs = Pinned(inputs);
            targets = Pinned(targets);
            mask = Pinned(mask);
        }
        return new Batch(inputs, targets, mask, rows);
    }

    /// <summary>
    /// Network input for <paramref name="views"/>.Length windows, window i cut from image
    /// <paramref name="image"/>(i) of side <paramref name="size"/> (= the geometry's pack size): the window is copied
    /// row by row straight from the source bytes (mirrored while copying), then finished on the CPU.
    /// </summary>
    public Tensor Inputs(ImageAt image, int size, SampleView[] views, bool training)
    {
        if (size != Geometry.PackSize)
            throw new ArgumentException($"images are {size}×{size}, the geometry expects {Geometry.PackSize}");
        int window = Geometry.WindowSize(training);
        var u8 = torch.empty([views.Length, 1, window, window], ScalarType.Byte);
        Span<byte> dst = u8.bytes; // a view of the CPU tensor's memory
        for (int b = 0; b < views.Length; b++)
        {
            ReadOnlySpan<byte> pixels = image(b);
            SampleView v = views[b];
            for (int y = 0; y < window; y++)
            {
                ReadOnlySpan<byte> src = pixels.Slice((v.Y + y) * size + v.X, window);
                Span<byte> line = dst.Slice((b * window + y) * window, window);
                src.CopyTo(line);
                if (v.Flip) line.Reverse();
            }
        }
        return Finish(u8, views, training);
    }

    /// <summary>Builds a batch from images already on the device (uint8 N×S×S); labels come from the pack.</summary>
    public Batch FromDevice(DeviceImages images, DatasetPack pack, int[] rows, SampleView[] views, bool training)
    {
        using var scope = torch.NewDisposeScope();
        int window = Geometry.WindowSize(training);
        Device device = images.Device;
        Tensor selected = images.Select(rows); // B×S×S
        Tensor u8 = torch.empty([rows.Length, 1, window, window], ScalarType.Byte, device);
        for (int b = 0; b < rows.Length; b++)
            u8[b, 0].copy_(selected[b].narrow(0, views[b].Y, window).narrow(1, views[b].X, window));
        using Tensor flip = torch.tensor(views.Select(v => v.Flip).ToArray(), device: device).view(-1, 1, 1, 1);
        Tensor oriented = torch.where(flip, u8.flip(3), u8);
        Tensor inputs = Finish(oriented, views, training);
        (Tensor targets, Tensor mask) = Labels(pack, rows);
        return new Batch(inputs.MoveToOuterDisposeScope(), targets.to(device).MoveToOuterDisposeScope(),
            mask.to(device).MoveToOuterDisposeScope(), rows);
    }

    /// <summary>
    /// uint8 B×1×w×w (already cropped and mirrored) → normalised float B×C×H×W. Disposes <paramref name="u8"/>.
    /// </summary>
    private Tensor Finish(Tensor u8, SampleView[] views, bool training)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = u8.to(ScalarType.Float32).div_(255.0);
        u8.Dispose();
        if (Geometry.NeedsResize(training))
            x = nn.functional.interpolate(x, [Geometry.InputSize, Geometry.InputSize], mode: InterpolationMode.Bilinear,
                align_corners: false, antialias: true);
        if (training && views.Any(v => v.HasAffine)) x = Affine(x, views);
        Tensor normalised = InputNormalisation.Apply(x, Scaling, Channels);
        if (channelsLast) normalised = ChannelsLast(normalised);
        return normalised.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Rotation, scale and translation about the image centre with bilinear sampling and black fill (torchvision
    /// RandomAffine with fill=0), through affine_grid/grid_sample so it runs on either device.
    /// </summary>
    private static Tensor Affine(Tensor x, SampleView[] views)
    {
        var theta = new float[views.Length * 6];
        for (int b = 0; b < views.Length; b++)
        {
            SampleView v = views[b];
            double a = v.Degrees * Math.PI / 180, s = 1 / v.Scale;
            // theta maps output coordinates to input coordinates in [-1, 1]: the inverse of the forward transform.
            double cos = Math.Cos(a) * s, sin = Math.Sin(a) * s;
            double tx = -2 * v.TranslateX, ty = -2 * v.TranslateY;
            theta[b * 6 + 0] = (float)cos;
            theta[b * 6 + 1] = (float)-sin;
            theta[b * 6 + 2] = (float)(cos * tx - sin * ty);
            theta[b * 6 + 3] = (float)sin;
            theta[b * 6 + 4] = (float)cos;
            theta[b * 6 + 5] = (float)(sin * tx + cos * ty);
        }
        using Tensor t = torch.tensor(theta, device: x.device).view(views.Length, 2, 3);
        using Tensor grid = nn.functional.affine_grid(t, x.shape, align_corners: false);
        return nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros,
            align_corners: false);
    }

    /// <summary>NHWC strides with NCHW shape (TorchSharp 0.107 has no memory_format argument).</summary>
    public static Tensor ChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    private static (Tensor Targets, Tensor Mask) Labels(DatasetPack pack, int[] rows)
    {
        int classes = pack.Classes.Count;
        var targets = new float[rows.Length * classes];
        var mask = new float[rows.Length * classes];
        for (int b = 0; b < rows.Length; b++)
        {
            float[] labels = pack.Entries[rows[b]].Labels;
            for (int c = 0; c < classes; c++)
            {
                bool known = !float.IsNaN(labels[c]);
                targets[b * classes + c] = known ? labels[c] : 0f;
                mask[b * classes + c] = known ? 1f : 0f;
            }
        }
        return (torch.tensor(targets).view(rows.Length, classes), torch.tensor(mask).view(rows.Length, classes));
    }

    private static Tensor Pinned(Tensor t)
    {
        Tensor p = t.pin_memory();
        t.Dispose();
        return p;
    }
}
