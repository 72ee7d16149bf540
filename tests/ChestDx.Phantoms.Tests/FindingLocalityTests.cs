using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Phantoms.Tests;

/// <summary>
/// Each planted finding changes the image where it should and nowhere else: a phantom is compared with its twin
/// (the same case with the finding removed: same anatomy, pose, exposure and noise), pixel by pixel.
/// </summary>
public class FindingLocalityTests
{
    private const int Size = 128;
    private const int Cases = 6;
    // A changed pixel's centre may lie up to half a diagonal outside a shape that overlaps the pixel.
    private const double PixelSlack = 0.75;

    private static IEnumerable<(PhantomCase Case, T Finding, double[] Difference)> Planted<T>(FindingKind kind)
        where T : PlantedFinding
    {
        PhantomOptions options = PhantomTestKit.Only(kind);
        for (int i = 0; i < Cases; i++)
        {
            PhantomCase phantom = PhantomTestKit.Case(options, i);
            yield return (phantom, Assert.IsType<T>(Assert.Single(phantom.Findings)),
                PhantomTestKit.TwinDifference(phantom, Size));
        }
    }

    private static IEnumerable<(int X, int Y, double Difference)> Changed(double[] difference)
    {
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                if (difference[y * Size + x] != 0) yield return (x, y, difference[y * Size + x]);
    }

    private static double Distance(int x, int y, double cx, double cy) =>
        Math.Sqrt((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy));

    [Fact]
    public void A_nodule_changes_only_its_own_disc_and_brightens_it()
    {
        foreach (var (phantom, nodule, difference) in Planted<Nodule>(FindingKind.Nodule))
        {
            var (cx, cy, r) = PhantomTestKit.DiscInPixels(phantom, Size, nodule.U, nodule.V, nodule.Radius);
            var changed = Changed(difference).ToList();
            Assert.NotEmpty(changed);
            Assert.All(changed, p => Assert.True(Distance(p.X, p.Y, cx, cy) <= r + PixelSlack,
                $"{phantom.ImageId}: ({p.X},{p.Y}) changed outside the disc"));
            double core = changed.Where(p => Distance(p.X, p.Y, cx, cy) <= r / 2).Average(p => p.Difference);
            Assert.True(core >= 20, $"{phantom.ImageId}: nodule core only {core:0.0} grey levels brighter");
        }
    }

    [Fact]
    public void A_mass_changes_only_its_lobes_and_brightens_them()
    {
        foreach (var (phantom, mass, difference) in Planted<Mass>(FindingKind.Mass))
        {
            var lobes = mass.Lobes.Select(l =>
                PhantomTestKit.DiscInPixels(phantom, Size, mass.U + l.OffsetU, mass.V + l.OffsetV, l.Radius)).ToList();
            var changed = Changed(difference).ToList();
            Assert.All(changed, p =>
                Assert.Contains(lobes, l => Distance(p.X, p.Y, l.X, l.Y) <= l.Radius + PixelSlack));
            var main = lobes[0];
            double core = changed.Where(p => Distance(p.X, p.Y, main.X, main.Y) <= main.Radius / 2)
                .Average(p => p.Difference);
            Assert.True(core >= 30, $"{phantom.ImageId}: mass core only {core:0.0} grey levels brighter");
        }
    }

    [Fact]
    public void An_effusion_changes_only_the_lung_bases_it_fills_and_brightens_them()
    {
        foreach (var (phantom, effusion, difference) in Planted<Effusion>(FindingKind.Effusion))
            InsideExtentAndBrighter(phantom, effusion, difference, minimumMean: 10);
    }

    [Fact]
    public void A_consolidation_stays_in_its_lung_and_brightens_it()
    {
        foreach (var (phantom, consolidation, difference) in Planted<Consolidation>(FindingKind.Consolidation))
            InsideExtentAndBrighter(phantom, consolidation, difference, minimumMean: 10);
    }

    [Fact]
    public void An_atelectasis_stays_in_its_hemithorax_and_brightens_it()
    {
        foreach (var (phantom, atelectasis, difference) in Planted<Atelectasis>(FindingKind.Atelectasis))
            InsideExtentAndBrighter(phantom, atelectasis, difference, minimumMean: 10);
    }

    [Fact]
    public void A_pneumothorax_stays_in_its_hemithorax_and_darkens_it()
    {
        foreach (var (phantom, pneumothorax, difference) in Planted<Pneumothorax>(FindingKind.Pneumothorax))
        {
            var changed = InsideExtent(phantom, pneumothorax, difference);
            double mean = changed.Average(p => p.Difference);
            Assert.True(mean <= -8, $"{phantom.ImageId}: pneumothorax only {mean:0.0} grey levels darker on average");
        }
    }

    private static void InsideExtentAndBrighter(PhantomCase phantom, PlantedFinding finding, double[] difference,
        double minimumMean)
    {
        var changed = InsideExtent(phantom, finding, difference);
        double mean = changed.Average(p => p.Difference);
        Assert.True(mean >= minimumMean,
            $"{phantom.ImageId}: {finding.Kind} only {mean:0.0} grey levels brighter on average");
    }

    private static List<(int X, int Y, double Difference)> InsideExtent(PhantomCase phantom, PlantedFinding finding,
        double[] difference)
    {
        var box = PhantomTestKit.BoxInPixels(phantom, Size, finding.Extent(phantom.RenderedAnatomy()));
        var changed = Changed(difference).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, p => Assert.True(p.X >= box.MinX && p.X <= box.MaxX && p.Y >= box.MinY && p.Y <= box.MaxY,
            $"{phantom.ImageId}: ({p.X},{p.Y}) changed outside {finding.Kind}'s extent {box}"));
        // The extent is a box around one or both hemithoraces: most of the image must be untouched.
        Assert.True(changed.Count < Size * Size / 3, $"{phantom.ImageId}: {changed.Count} pixels changed");
        return changed;
    }

    /// <summary>The cardiothoracic ratio measured on the rendered silhouettes:
    /// widest heart row over widest lung row.</summary>
    private static double MeasuredCtr(PhantomCase phantom)
    {
        const int size = 256;
        var layers = new PhantomLayers(size);
        PhantomRenderer.Render(phantom, size, 8, layers);
        static int WidestRow(double[] mask)
        {
            int widest = 0;
            for (int y = 0; y < size; y++)
            {
                int first = -1, last = -1;
                for (int x = 0; x < size; x++)
                    if (mask[y * size + x] >= 0.5) { if (first < 0) first = x; last = x; }
                if (first >= 0) widest = Math.Max(widest, last - first + 1);
            }
            return widest;
        }
        return WidestRow(layers.Heart) / (double)WidestRow(layers.Lungs);
    }

    [Fact]
    public void Cardiomegaly_raises_the_measured_cardiothoracic_ratio_above_one_half()
    {
        PhantomOptions options = PhantomTestKit.Only(FindingKind.Cardiomegaly);
        for (int i = 0; i < Cases; i++)
        {
            PhantomCase phantom = PhantomTestKit.Case(options, i);
            double enlarged = MeasuredCtr(phantom), normal = MeasuredCtr(phantom.WithoutFindings());
            Assert.True(enlarged > 0.52, $"{phantom.ImageId} ({phantom.View}): CTR {enlarged:0.000}");
            Assert.True(normal < 0.5, $"{phantom.ImageId} twin ({phantom.View}): CTR {normal:0.000}");
            Assert.True(enlarged - normal > 0.06, $"{phantom.ImageId}: CTR {normal:0.000} → {enlarged:0.000}");
        }
    }

    [Fact]
    public void Normal_hearts_stay_below_a_cardiothoracic_ratio_of_one_half_on_pa_and_ap_films()
    {
        PhantomOptions options = PhantomTestKit.Options(count: 40) with { Findings = [] };
        var ratios = Enumerable.Range(0, 40).Select(i => PhantomTestKit.Case(options, i))
            .Select(c => (c.View, Ctr: MeasuredCtr(c))).ToList();
        Assert.Contains(ratios, r => r.View == PhantomView.AP);
        Assert.All(ratios, r => Assert.InRange(r.Ctr, 0.3, 0.5));
    }
}
