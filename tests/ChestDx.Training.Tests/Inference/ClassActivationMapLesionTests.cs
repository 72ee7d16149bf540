using ChestDx.Training.Data;
using ChestDx.Training.Inference;
using ChestDx.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Inference;

/// <summary>
/// A class activation map through the whole path Predictor uses (BatchAssembler input, DenseNet.ForwardFeatures,
/// <see cref="ClassActivationMap.Compute"/> with the classifier's weights, upsampling) must put its hottest region on
/// a lesion planted in a phantom. Training a tiny net to localise would take minutes and its 1×1 final map at 32 px
/// could not localise anyway, so the weights are constructed instead: every convolution an all-positive averaging
/// filter and the classifier all-positive, with BatchNorm at its identity initialisation (eval mode). After ImageNet
/// normalisation the dark background is negative and ReLU removes it, so the final features, and the CAM, are
/// determined: positive where the bright lesion is, zero elsewhere. A transposed, flipped, shifted or misscaled map
/// would move the hot spot off the lesion; two positions in different quadrants catch transpositions and mirrors.
/// </summary>
public class ClassActivationMapLesionTests
{
    private const int Size = 128; // final feature map 4×4 (strides 2, 2, 2, 2, 2)

    [Theory]
    [InlineData(112, 48)]  // right, upper: the centre of final-map cell (column 3, row 1)
    [InlineData(16, 80)]   // left, lower: cell (column 0, row 2)
    public void Hottest_region_of_the_cam_lies_on_the_planted_lesion(int lesionX, int lesionY)
    {
        const int radius = 12;
        using var scope = torch.NewDisposeScope();
        using var model = new DenseNet(TestNets.Tiny(classes: 2), seed: 1);
        using (torch.no_grad())
        {
            foreach (var (_, m) in model.named_modules())
            {
                if (m is Conv2d conv)
                {
                    Tensor w = conv.weight!;
                    w.fill_(1.0 / (w.shape[1] * w.shape[2] * w.shape[3]));
                }
            }
            model.Classifier.weight!.fill_(1.0);
            model.Classifier.bias!.zero_();
        }
        model.eval();

        var phantom = new byte[Size * Size];
        var random = new Random(7);
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                bool lesion = (x - lesionX) * (x - lesionX) + (y - lesionY) * (y - lesionY) <= radius * radius;
                phantom[y * Size + x] = (byte)(lesion ? 230 + random.Next(20) : 40 + random.Next(30));
            }
        var assembler = new BatchAssembler(
            new ImageGeometry { PackSize = Size, InputSize = Size, TrainResize = false, EvalResize = false },
            channelsLast: false);
        Tensor x0 = assembler.Inputs(_ => phantom, Size, [new SampleView(0, 0, false)], training: false);
        float[] cam;
        using (torch.no_grad())
        {
            Tensor features = model.ForwardFeatures(x0);
            Assert.Equal(new long[] { 1, model.Config.FinalFeatures, 4, 4 }, features.shape);
            cam = ClassActivationMap.Compute(features[0], model.Classifier.weight!, 0, Size);
        }

        // The hottest region: every pixel at the maximum (bilinear upsampling with align_corners=false makes a
        // plateau where the hottest cell touches the border), located by its centroid.
        float max = cam.Max();
        var top = Enumerable.Range(0, cam.Length).Where(i => cam[i] >= max - 1e-6f).ToArray();
        double hx = top.Average(i => i % Size), hy = top.Average(i => i / Size);
        double distance = Math.Sqrt((hx - lesionX) * (hx - lesionX) + (hy - lesionY) * (hy - lesionY));
        Assert.True(distance <= radius, $"hottest CAM region ({top.Length} px) centred at ({hx:F1}, {hy:F1}), "
            + $"{distance:F1} px from the lesion centre ({lesionX}, {lesionY}), radius {radius}");
        // The hot region (CAM ≥ 0.5) is around the lesion: its centroid within the lesion, and none of it in the far
        // half.
        var hot = Enumerable.Range(0, cam.Length).Where(i => cam[i] >= 0.5f).ToArray();
        double cx = hot.Average(i => i % Size), cy = hot.Average(i => i / Size);
        Assert.True(Math.Abs(cx - lesionX) <= radius && Math.Abs(cy - lesionY) <= radius,
            $"hot region centroid ({cx:F1}, {cy:F1})");
        Assert.All(hot, i => Assert.True(
            Math.Abs(i % Size - lesionX) < Size / 2 && Math.Abs(i / Size - lesionY) < Size / 2));
    }
}
