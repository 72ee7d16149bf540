using ChestDx.Imaging.Overlays;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Inference;

/// <summary>
/// Class activation maps (Zhou et al., "Learning Deep Features for Discriminative Localization", CVPR 2016, §2), the
/// heat maps of CheXNet's figures (Rajpurkar et al. 2017 §3.3): for class k, M_k(x, y) = Σ_c w_kc · f_c(x, y), the
/// classifier's weights applied to the final feature maps before global pooling, upsampled to the input size and
/// scaled to [0, 1] (all zero for a flat map: HeatmapOverlay.IsFlat).
/// </summary>
public static class ClassActivationMap
{
    /// <param name="features">C×h×w final feature maps of one image (after norm5 and ReLU).</param>
    /// <param name="classifierWeight">classes×C weight of the linear head.</param>
    /// <returns>size×size values in [0, 1], row-major.</returns>
    public static float[] Compute(Tensor features, Tensor classifierWeight, int classIndex, int size)
    {
        using var scope = torch.NewDisposeScope();
        Tensor w = classifierWeight[classIndex].to(features.dtype).view(-1, 1, 1);
        Tensor map = (features * w).sum(0, keepdim: false).unsqueeze(0).unsqueeze(0).to(ScalarType.Float32);
        Tensor up = nn.functional
            .interpolate(map, [size, size], mode: InterpolationMode.Bilinear, align_corners: false)
            .view(size, size);
        Tensor min = up.min(), max = up.max(), range = max - min;
        Tensor scaled = HeatmapOverlay.IsFlat(min.item<float>(), max.item<float>())
            ? torch.zeros_like(up)
            : (up - min) / range;
        return scaled.cpu().data<float>().ToArray();
    }
}
