namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// The seven lossless predictors of T.81 Table H.1, as types so that the row loop is compiled once per predictor
/// with the prediction inlined (no per-sample switch). Ra = left, Rb = above, Rc = above-left, all unsigned sample
/// values in <c>int</c>; the caller reduces the reconstruction modulo 2^16 (H.1.2.1).
/// </summary>
internal interface IPredictor
{
    static abstract int Predict(int ra, int rb, int rc);
}

internal readonly struct PredictLeft : IPredictor            // 1: Ra
{
    public static int Predict(int ra, int rb, int rc) => ra;
}

internal readonly struct PredictAbove : IPredictor           // 2: Rb
{
    public static int Predict(int ra, int rb, int rc) => rb;
}

internal readonly struct PredictAboveLeft : IPredictor       // 3: Rc
{
    public static int Predict(int ra, int rb, int rc) => rc;
}

internal readonly struct PredictPlane : IPredictor           // 4: Ra + Rb − Rc
{
    public static int Predict(int ra, int rb, int rc) => ra + rb - rc;
}

internal readonly struct PredictLeftPlusHalfGradient : IPredictor   // 5: Ra + ((Rb − Rc) >> 1)
{
    // Arithmetic shift of a possibly negative difference, as T.81 H.1.2.1 specifies and libjpeg computes; samples
    // are kept unsigned in int so that 16-bit values above 32767 halve correctly.
    public static int Predict(int ra, int rb, int rc) => ra + ((rb - rc) >> 1);
}

internal readonly struct PredictAbovePlusHalfGradient : IPredictor  // 6: Rb + ((Ra − Rc) >> 1)
{
    public static int Predict(int ra, int rb, int rc) => rb + ((ra - rc) >> 1);
}

internal readonly struct PredictAverage : IPredictor         // 7: (Ra + Rb) / 2
{
    public static int Predict(int ra, int rb, int rc) => (ra + rb) >> 1;
}

internal static class LosslessPredictor
{
    /// <summary>
    /// The same predictions chosen at run time, for interleaved colour scans where speed matters less.
    /// </summary>
    public static int Predict(int selection, int ra, int rb, int rc) => selection switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        _ => (ra + rb) >> 1,
    };
}
