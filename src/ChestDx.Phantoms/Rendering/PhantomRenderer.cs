using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Determinism;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Geometry;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Rendering;

/// <summary>
/// Turns a <see cref="PhantomCase"/> into pixels, in the order a radiograph forms: attenuation along each ray (body,
/// bones, mediastinum, heart, minus lung air, plus vessels, plus findings), the heel effect and mottle, the film's
/// characteristic curve, quantum noise, and finally the detector's pixel grid.
/// </summary>
/// <remarks>
/// Small images are rendered at an integer multiple of their size (at least <see cref="MinRenderSize"/> pixels) and
/// box-averaged down, as an area-resampled film would be: edges are anti-aliased, and vessels and ribs thinner than
/// a pixel fade instead of aliasing. So a 64² phantom looks like a 1024² film downscaled, which is what the
/// ingestion stage feeds the network.
/// </remarks>
public static class PhantomRenderer
{
    public const int MinRenderSize = 256;
    /// <summary>Physical edge half-width of anatomical boundaries (about 0.8 mm).</summary>
    private const double PhysicalEdge = 0.004;

    public static PhantomImage Render(PhantomCase phantom, int size, int bits, PhantomLayers? layers = null)
    {
        int factor = Math.Max(1, (MinRenderSize + size - 1) / size);
        int render = size * factor;
        PixelMapping mapping = phantom.Pose.ForImage(render);
        double edge = Math.Max(PhysicalEdge, 0.5 * mapping.PixelLength);
        ChestAnatomy anatomy = phantom.RenderedAnatomy();
        PhantomExposure exposure = phantom.Exposure;

        // Vessel trees grow in the film's own anatomy, before findings reshape it: the trees are part of the patient.
        double[] vessels = new double[render * render];
        SplatVessels(vessels, phantom.Anatomy, mapping, -1);
        SplatVessels(vessels, phantom.Anatomy, mapping, +1);

        IReadOnlyList<PlantedFinding> findings = phantom.Findings;
        var extents = new PatientBox[findings.Count];
        for (int k = 0; k < findings.Count; k++) extents[k] = findings[k].Extent(anatomy);

        // Noise as a 1024² film would have it after area resampling to `size` (σ ∝ size/1024), floored at a quarter
        // so small renders keep some grain; drawn at the render grid, where box-averaging divides it by `factor`.
        double sigma = exposure.NoiseSigma * Math.Max(size / 1024.0, 0.25) * factor;
        double[] grey = new double[size * size];
        double inverseArea = 1.0 / (factor * factor);
        for (int ry = 0; ry < render; ry++)
        {
            int oy = ry / factor;
            double imageY = (ry + 0.5) / render * 2 - 1;
            for (int rx = 0; rx < render; rx++)
            {
                mapping.ToPatient(rx + 0.5, ry + 0.5, out double u, out double v);
                int index = ry * render + rx;
                double a = Attenuation(anatomy, findings, extents, u, v, edge, vessels[index], out double heart,
                    out double lungs);
                double imageX = (rx + 0.5) / render * 2 - 1;
                a *= 1 + exposure.HeelGradient * imageY;
                a += exposure.MottleAmplitude * HashNoise.Value(exposure.MottleSeed, imageX, imageY, 0.3);
                double g = exposure.Grey(a);
                g += sigma * (0.6 + 0.8 * Clamp01(g / 255)) * HashNoise.Gaussian(exposure.NoiseSeed, index);
                int o = oy * size + rx / factor;
                grey[o] += g * inverseArea;
                if (layers is not null)
                {
                    layers.Heart[o] += (heart > 0 ? 1 : 0) * inverseArea;
                    layers.Lungs[o] += Math.Min(1, lungs) * inverseArea;
                }
            }
        }
        return new PhantomImage(size, bits, Quantise(grey, bits));
    }

    private static double Attenuation(ChestAnatomy anatomy, IReadOnlyList<PlantedFinding> findings,
        PatientBox[] extents, double u, double v, double edge, double vessel, out double heart, out double lungMask)
    {
        LungShape right = anatomy.RightLung, left = anatomy.LeftLung;
        lungMask = right.Mask(u, v, edge) + left.Mask(u, v, edge);
        heart = anatomy.Heart.Chord(u, v);
        // The heart pushes the lungs aside: only retrocardiac lung stays in its shadow.
        double occupancy =
            ChestAnatomy.HeartDisplacesAir * Math.Min(1, 3 * Math.Max(heart, anatomy.Mediastinum.AorticKnob(u, v)));
        double aerated = Math.Min(1, lungMask) * (1 - occupancy);
        double a = anatomy.Body.Attenuation(u, v, edge)
                 + anatomy.Skeleton.Attenuation(u, v, right, left, anatomy.Body, aerated, edge)
                 + anatomy.Mediastinum.Attenuation(u, v, edge)
                 + anatomy.Heart.Density * heart;
        double air = right.Air(u, v, edge) + left.Air(u, v, edge);

        var effects = default(FindingEffects);
        for (int k = 0; k < findings.Count; k++)
            if (extents[k].Contains(u, v)) findings[k].Accumulate(u, v, edge, anatomy, ref effects);

        double texture = lungMask > 0
            ? anatomy.TextureAmplitude * (0.6 * HashNoise.Value(anatomy.TextureSeed, u, v, 0.03)
                + 0.4 * HashNoise.Value(anatomy.TextureSeed + 1, u, v, 0.012))
            : 0;
        double markings = (anatomy.VesselDensity * vessel + texture + PerihilarHaze(anatomy, u, v))
                        * Math.Min(1, lungMask) * (1 - effects.MarkingsLoss) * (1 - occupancy);
        a -= air * (1 - occupancy) * (1 - effects.Fill) + effects.ExtraAir;
        return a + markings + effects.Density;
    }

    // Lungs are denser toward the hila, where the large vessels and bronchi crowd (the "hilar shadows").
    private static double PerihilarHaze(ChestAnatomy anatomy, double u, double v)
    {
        double ru = u - anatomy.RightHilumU, rv = v - anatomy.RightHilumV,
            lu = u - anatomy.LeftHilumU, lv = v - anatomy.LeftHilumV;
        const double reach2 = 0.3 * 0.3;
        return 0.06 * (Bump((ru * ru + rv * rv) / reach2) + Bump((lu * lu + lv * lv) / reach2));
    }

    // Rasterises one lung's vessel tree as tapered tubes (chord profile). A vessel thinner than half a render pixel is
    // drawn half a pixel wide with its cross-section area kept, so fine vessels fade rather than flicker. Segments
    // combine by maximum, not sum: consecutive segments overlap at their joints, which would otherwise bead.
    private static void SplatVessels(double[] target, ChestAnatomy anatomy, PixelMapping mapping, int side)
    {
        LungShape lung = anatomy.Lung(side);
        double hu = side < 0 ? anatomy.RightHilumU : anatomy.LeftHilumU,
            hv = side < 0 ? anatomy.RightHilumV : anatomy.LeftHilumV;
        List<VesselSegment> tree =
            VesselTree.Grow(StreamKey.Derive(anatomy.VesselSeed, [(ulong)(side + 1)]), lung, hu, hv);
        int size = mapping.Size;
        double pixel = mapping.PixelLength;
        foreach (VesselSegment s in tree)
        {
            double reach = Math.Max(Math.Max(s.Radius0, s.Radius1), 0.5 * pixel);
            mapping.ToPixel(s.U0, s.V0, out double x0, out double y0);
            mapping.ToPixel(s.U1, s.V1, out double x1, out double y1);
            double pad = reach / pixel + 1;
            int minX = Math.Max(0, (int)Math.Floor(Math.Min(x0, x1) - pad)),
                maxX = Math.Min(size - 1, (int)Math.Ceiling(Math.Max(x0, x1) + pad));
            int minY = Math.Max(0, (int)Math.Floor(Math.Min(y0, y1) - pad)),
                maxY = Math.Min(size - 1, (int)Math.Ceiling(Math.Max(y0, y1) + pad));
            for (int y = minY; y <= maxY; y++)
            {
                for (int x = minX; x <= maxX; x++)
                {
                    mapping.ToPatient(x + 0.5, y + 0.5, out double u, out double v);
                    double d = SegmentDistance(u, v, s.U0, s.V0, s.U1, s.V1, out double t);
                    double r = s.Radius0 + (s.Radius1 - s.Radius0) * t;
                    double shown = Math.Max(r, 0.5 * pixel);
                    if (d >= shown) continue;
                    double value = 2 * shown * Chord(d / shown) * (r / shown) * (r / shown);
                    int index = y * size + x;
                    if (value > target[index]) target[index] = value;
                }
            }
        }
    }

    private static ushort[] Quantise(double[] grey, int bits)
    {
        var pixels = new ushort[grey.Length];
        double scale = bits == 8 ? 1 : 257, max = bits == 8 ? 255 : 65535;
        for (int i = 0; i < grey.Length; i++)
            pixels[i] = (ushort)Math.Round(Math.Clamp(grey[i] * scale, 0, max), MidpointRounding.ToEven);
        return pixels;
    }
}
