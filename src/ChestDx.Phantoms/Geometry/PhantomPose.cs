using ChestDx.Phantoms.Determinism;

namespace ChestDx.Phantoms.Geometry;

/// <summary>
/// Where the patient sits on the detector: an in-plane rotation, a shift and a magnification (patient size and
/// source–image distance together) mapping the patient frame to image coordinates. Both frames span [−1, 1] across
/// the image width; the patient frame has u to the image's right (the patient's left on a PA film) and v downward.
/// </summary>
public sealed record PhantomPose(double RotationDegrees, double ShiftX, double ShiftY, double Magnification)
{
    private double Cos => PortableMath.Cos(PortableMath.Radians(RotationDegrees));
    private double Sin => PortableMath.Sin(PortableMath.Radians(RotationDegrees));

    /// <summary>The mapping for an image of <paramref name="size"/>² pixels (pixel centres at half-integers).</summary>
    public PixelMapping ForImage(int size) => new(Cos, Sin, ShiftX, ShiftY, Magnification, size);
}

/// <summary>Precomputed pixel ↔ patient-frame transform for one image size.</summary>
public readonly struct PixelMapping
{
    private readonly double _cos, _sin, _shiftX, _shiftY, _magnification, _half;

    public PixelMapping(double cos, double sin, double shiftX, double shiftY, double magnification, int size)
    {
        _cos = cos;
        _sin = sin;
        _shiftX = shiftX;
        _shiftY = shiftY;
        _magnification = magnification;
        _half = size / 2.0;
        Size = size;
    }

    public int Size { get; }

    /// <summary>Patient-frame length of one pixel.</summary>
    public double PixelLength => 1 / (_half * _magnification);

    /// <summary>Patient coordinates of the centre of pixel (column <paramref name="x"/>, row <paramref name="y"/>) in
    /// continuous pixel units (the centre of pixel 0 is 0.5).</summary>
    public void ToPatient(double x, double y, out double u, out double v)
    {
        double dx = x / _half - 1 - _shiftX, dy = y / _half - 1 - _shiftY;
        u = (_cos * dx + _sin * dy) / _magnification;
        v = (_cos * dy - _sin * dx) / _magnification;
    }

    /// <summary>Continuous pixel coordinates of a patient-frame point.</summary>
    public void ToPixel(double u, double v, out double x, out double y)
    {
        double du = u * _magnification, dv = v * _magnification;
        double dx = _cos * du - _sin * dv, dy = _sin * du + _cos * dv;
        x = (dx + _shiftX + 1) * _half;
        y = (dy + _shiftY + 1) * _half;
    }
}
