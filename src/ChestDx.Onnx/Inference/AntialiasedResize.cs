namespace ChestDx.Onnx.Inference;

/// <summary>
/// PyTorch's <c>interpolate(mode="bilinear", align_corners=False, antialias=True)</c> on one square plane, the resize
/// the TorchSharp path uses (aten/src/ATen/native/UpSample.h and cpu/UpSampleKernel.cpp, the "_aa" kernels, which
/// follow Pillow's resampling): separable, output sample i centred at scale·(i + 0.5) with scale = in/out, triangle
/// weights over a support of max(scale, 1), taps clipped to the image and the weights renormalised.
/// </summary>
public static class AntialiasedResize
{
    public static float[] Resize(float[] plane, int from, int to)
    {
        (int[] start, float[][] weights) = Weights(from, to);
        var horizontal = new float[from * to];
        for (int y = 0; y < from; y++)
            for (int x = 0; x < to; x++)
                horizontal[y * to + x] = Apply(plane, y * from + start[x], 1, weights[x]);
        var result = new float[to * to];
        for (int y = 0; y < to; y++)
            for (int x = 0; x < to; x++)
                result[y * to + x] = Apply(horizontal, start[y] * to + x, to, weights[y]);
        return result;
    }

    private static float Apply(float[] source, int first, int stride, float[] weights)
    {
        float sum = 0;
        for (int k = 0; k < weights.Length; k++) sum += source[first + k * stride] * weights[k];
        return sum;
    }

    /// <summary>
    /// For each output index, its first input tap and the normalised weights, computed in float32 with the same
    /// conversions as ATen's <c>_compute_weights_aa</c> for float tensors (scalar_t = float): the tap positions carry
    /// float rounding (about 1e-5 near index 200), and matching it keeps the two engines' inputs equal to ~1e-7.
    /// </summary>
    private static (int[] Start, float[][] Weights) Weights(int from, int to)
    {
        float scale = (float)from / to;
        float support = scale >= 1.0 ? scale : 1f;
        float invScale = scale >= 1.0 ? (float)(1.0 / scale) : 1f;
        var start = new int[to];
        var weights = new float[to][];
        for (int i = 0; i < to; i++)
        {
            float centre = (float)(scale * (i + 0.5));
            int min = Math.Max((int)(centre - support + 0.5), 0);
            int count = Math.Min((int)(centre + support + 0.5), from) - min;
            var w = new float[count];
            float total = 0;
            for (int j = 0; j < count; j++)
            {
                float x = Math.Abs((float)(((j + min) - centre + 0.5) * invScale));
                w[j] = x < 1f ? 1f - x : 0f;
                total += w[j];
            }
            if (total != 0)
                for (int j = 0; j < count; j++) w[j] /= total;
            start[i] = min;
            weights[i] = w;
        }
        return (start, weights);
    }
}
