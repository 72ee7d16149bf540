using ChestDx.Core.Packs;
using ChestDx.Training.Data;
using ChestDx.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Data;

public class BatchAssemblerTests
{
    private static ImageGeometry Geometry(int pack, int input, bool flip = true) => new()
    {
        PackSize = pack, InputSize = input, TrainResize = false, EvalResize = false, HorizontalFlip = flip,
    };

    [Fact]
    public void Windows_are_cut_mirrored_and_normalised_as_torchvision_would()
    {
        using var dir = new TestNets.TempDir();
        using var pack = DatasetPack.Open(TinyPack.Create(dir.File("pack"), size: 32, train: 4, val: 2));
        var assembler = new BatchAssembler(Geometry(32, 24), channelsLast: false);
        int[] rows = [1, 3];
        SampleView[] views = [new(5, 2, false), new(8, 0, true)];
        using Batch batch = assembler.FromPack(pack, rows, views, training: true, pin: false);

        Assert.Equal([2L, 3, 24, 24], batch.Inputs.shape);
        for (int b = 0; b < 2; b++)
        {
            ReadOnlySpan<byte> image = pack.GetImage(rows[b]);
            foreach ((int y, int x) in new[] { (0, 0), (7, 3), (23, 23), (12, 0) })
            {
                int srcX = views[b].Flip ? views[b].X + 23 - x : views[b].X + x;
                double grey = image[(views[b].Y + y) * 32 + srcX] / 255.0;
                for (int c = 0; c < 3; c++)
                {
                    double expected = (grey - InputNormalisation.Mean[c]) / InputNormalisation.Std[c];
                    Assert.True(
                        Math.Abs(expected - batch.Inputs[b, c, y, x].item<float>()) < 1e-5, $"({b},{c},{y},{x})");
                }
            }
        }
        float[] targets = batch.Targets.data<float>().ToArray();
        Assert.Equal(pack.Entries[1].Labels.Concat(pack.Entries[3].Labels), targets);
        Assert.True(batch.Mask.eq(1).all().item<bool>());
    }

    [Fact]
    public void Unknown_labels_become_zero_targets_with_a_zero_mask()
    {
        using var dir = new TestNets.TempDir();
        using var pack = DatasetPack.Open(
            TinyPack.Create(dir.File("pack"), size: 32, train: 8, val: 2, withUnknown: true));
        var assembler = new BatchAssembler(Geometry(32, 32), channelsLast: false);
        using Batch batch = assembler.FromPack(
            pack, [0, 1], [new(0, 0, false), new(0, 0, false)], training: false, pin: false);
        // row 1's third label is blank
        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 0 }, batch.Mask.data<float>().ToArray());
        Assert.Equal(0f, batch.Targets[1, 2].item<float>());
    }

    [Fact]
    public void Device_resident_images_give_the_same_batches_as_the_mapped_pack()
    {
        using var dir = new TestNets.TempDir();
        using var pack = DatasetPack.Open(TinyPack.Create(dir.File("pack"), size: 32, train: 16, val: 2));
        var geometry = Geometry(32, 28) with { AffineDegrees = 8, AffineTranslate = 0.05, AffineScale = 0.1 };
        int[] rows = [3, 0, 7, 12, 5];
        SampleView[] views = rows.Select((_, i) => geometry.ForTraining(seed: 9, epoch: 2, position: i)).ToArray();
        Assert.Contains(views, v => v.Flip);
        Assert.Contains(views, v => !v.Flip);
        using var images = new DeviceImages(pack, Enumerable.Range(0, 16), torch.CPU);
        foreach (bool nhwc in new[] { false, true })
        {
            var assembler = new BatchAssembler(geometry, nhwc);
            using Batch mapped = assembler.FromPack(pack, rows, views, training: true, pin: false);
            using Batch resident = assembler.FromDevice(images, pack, rows, views, training: true);
            Assert.True(TestNets.Equal(mapped.Inputs, resident.Inputs));
            Assert.True(TestNets.Equal(mapped.Targets, resident.Targets));
            if (nhwc) Assert.Equal(1, mapped.Inputs.stride(1)); // channels vary fastest
        }
    }

    [Fact]
    public void Crops_follow_torchvision_center_crop_and_ten_crop()
    {
        var g = Geometry(256, 224);
        Assert.Equal(new SampleView(16, 16, false), g.ForEvaluation());
        IReadOnlyList<SampleView> ten = g.TenCrop();
        Assert.Equal(10, ten.Count);
        Assert.Equal([(0, 0), (32, 0), (0, 32), (32, 32), (16, 16)], ten.Take(5).Select(v => (v.X, v.Y)));
        Assert.All(ten.Skip(5), v => Assert.True(v.Flip));
        // torchvision: int(round((S − H) / 2)), and Python rounds halves to even: 1.5 → 2, 2.5 → 2.
        Assert.Equal(new SampleView(2, 2, false), Geometry(35, 32).ForEvaluation());
        Assert.Equal(new SampleView(2, 2, false), Geometry(37, 32).ForEvaluation());
    }

    [Fact]
    public void Training_views_depend_only_on_seed_epoch_and_position()
    {
        var g = Geometry(256, 224) with { AffineDegrees = 10 };
        Assert.Equal(g.ForTraining(1, 3, 17), g.ForTraining(1, 3, 17));
        Assert.NotEqual(g.ForTraining(1, 3, 17), g.ForTraining(1, 4, 17));
        var views = Enumerable.Range(0, 2000).Select(i => g.ForTraining(5, 1, i)).ToList();
        Assert.InRange(views.Count(v => v.Flip), 900, 1100);
        Assert.Equal(0, views.Min(v => v.X));
        Assert.Equal(32, views.Max(v => v.X));
        Assert.InRange(views.Max(v => Math.Abs(v.Degrees)), 9.5, 10);
    }

    [Fact]
    public void Epoch_order_is_a_seeded_permutation_that_changes_per_epoch()
    {
        int[] rows = Enumerable.Range(100, 50).ToArray();
        int[] e1 = EpochOrder.Shuffle(rows, 7, 1);
        Assert.Equal(rows, e1.Order());
        Assert.Equal(e1, EpochOrder.Shuffle(rows, 7, 1));
        Assert.NotEqual(e1, EpochOrder.Shuffle(rows, 7, 2));
        Assert.NotEqual(e1, EpochOrder.Shuffle(rows, 8, 1));
    }

    [Fact]
    public void A_pack_smaller_than_the_input_is_refused_with_the_fix()
    {
        var e = Assert.Throws<ChestDx.Core.ChestDxException>(
            () => ImageGeometry.For(new TrainConfig { Data = "p", InputSize = 224 }, 64, "/packs/p"));
        Assert.Contains("--set input_size=64", e.Message);
    }
}
