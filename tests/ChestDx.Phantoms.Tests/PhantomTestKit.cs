using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Geometry;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Phantoms.Tests;

/// <summary>Shared helpers: options that plant exactly one finding,
/// renders of a case and its twin, temp folders.</summary>
internal static class PhantomTestKit
{
    public static PhantomOptions Options(string directory = "unused", int count = 8, int size = 64, ulong seed = 1) =>
        new() { OutputDirectory = directory, Count = count, Size = size, Seed = seed, Workers = 2 };

    /// <summary>Options under which every phantom carries <paramref name="kind"/> and nothing else.</summary>
    public static PhantomOptions Only(FindingKind kind, ulong seed = 11) =>
        Options(seed: seed) with { Findings = [new FindingPrevalence(kind, 1.0)] };

    public static PhantomCase Case(PhantomOptions options, int index) => PhantomPlanner.Plan(options, index);

    public static double[] Grey(PhantomCase phantom, int size)
    {
        ushort[] pixels = PhantomRenderer.Render(phantom, size, 8).Pixels;
        return Array.ConvertAll(pixels, p => (double)p);
    }

    /// <summary>Per-pixel difference image − twin (the same case without findings).</summary>
    public static double[] TwinDifference(PhantomCase phantom, int size)
    {
        double[] with = Grey(phantom, size), without = Grey(phantom.WithoutFindings(), size);
        var difference = new double[with.Length];
        for (int i = 0; i < with.Length; i++) difference[i] = with[i] - without[i];
        return difference;
    }

    /// <summary>Pixel-space centre and radius of a patient-frame disc in an image of
    /// <paramref name="size"/>².</summary>
    public static (double X, double Y, double Radius) DiscInPixels(PhantomCase phantom, int size, double u, double v,
        double radius)
    {
        PixelMapping mapping = phantom.Pose.ForImage(size);
        mapping.ToPixel(u, v, out double x, out double y);
        return (x, y, radius / mapping.PixelLength);
    }

    /// <summary>Pixel-space bounding box (inclusive pixel indices) of a patient-frame box, rotation included.</summary>
    public static (int MinX, int MinY, int MaxX, int MaxY) BoxInPixels(PhantomCase phantom, int size, PatientBox box)
    {
        PixelMapping mapping = phantom.Pose.ForImage(size);
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (u, v) in
                 new[] { (box.MinU, box.MinV), (box.MaxU, box.MinV), (box.MinU, box.MaxV), (box.MaxU, box.MaxV) })
        {
            mapping.ToPixel(u, v, out double x, out double y);
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
        }
        return ((int)Math.Floor(minX) - 1, (int)Math.Floor(minY) - 1, (int)Math.Ceiling(maxX) + 1,
            (int)Math.Ceiling(maxY) + 1);
    }

    public static string TempDirectory(string name) =>
        Directory.CreateTempSubdirectory($"chestdx-phantoms-{name}-").FullName;
}
