using ChestDx.Imaging.Overlays;

namespace ChestDx.Onnx.Inference;

/// <summary>
/// Class activation maps (Zhou et al., CVPR 2016, §2) on float arrays, as Training's ClassActivationMap computes them:
/// M_k = Σ_c w_kc · f_c over the final feature maps, bilinearly upsampled to the input size (align_corners false) and
/// scaled to [0, 1] (all zero for a flat map: HeatmapOverlay.IsFlat).
/// </summary>
public static class OnnxCams
{
    /// <param name="features">C×h×w maps of one image.</param>
    /// <param name="weights">classes×C classifier weights.</param>
    public static float[] Compute(ReadOnlySpan<float> features, int channels, int h, int w, float[] weights,
        int classIndex, int size)
    {
        var map = new float[h * w];
        for (int c = 0; c < channels; c++)
        {
            float wc = weights[classIndex * channels + c];
            ReadOnlySpan<float> plane = features.Slice(c * h * w, h * w);
            for (int i = 0; i < map.Length; i++) map[i] += wc * plane[i];
        }
        var up = new float[size * size];
        for (int y = 0; y < size; y++)
        {
            (int y0, int y1, float fy) = Source(y, h, size);
            for (int x = 0; x < size; x++)
            {
                (int x0, int x1, float fx) = Source(x, w, size);
                float top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                float bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                up[y * size + x] = top * (1 - fy) + bottom * fy;
            }
        }
        float min = up.Min(), max = up.Max(), range = max - min;
        bool flat = HeatmapOverlay.IsFlat(min, max);
        for (int i = 0; i < up.Length; i++) up[i] = flat ? 0f : (up[i] - min) / range;
        return up;
    }

    /// <summary>PyTorch's bilinear source index (align_corners false): (i + 0.5)·in/out − 0.5, clamped at 0.</summary>
    private static (int I0, int I1, float Frac) Source(int i, int input, int output)
    {
        float src = Math.Max((float)((i + 0.5) * input / output - 0.5), 0f);
        int i0 = Math.Min((int)src, input - 1);
        return (i0, Math.Min(i0 + 1, input - 1), src - i0);
    }
}
