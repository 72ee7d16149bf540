using System.Globalization;
using ChestDx.Core;
using ChestDx.Dicom.Imaging;

namespace ChestDx.Cli.Commands.Dicom;

/// <summary>Parses `--window C,W` and `--voi SPEC` into a <see cref="VoiChoice"/>.</summary>
internal static class VoiOption
{
    public const string VoiHelp =
        "VOI to render with: N = the file's N-th window (1-based, like dcm2pnm +Wi N), lut:N = the file's N-th " +
        "VOI LUT, minmax, full (the stored bits' range), percentile:LO,HI (e.g. percentile:0.5,99.5), auto " +
        "[default: first window, else first VOI LUT, else minmax]";

    public static VoiChoice Parse(string? window, string? voi)
    {
        if (window is not null && voi is not null)
            throw new ChestDxException("--window and --voi are alternatives: give one");
        if (window is not null)
        {
            double[] cw = Numbers(window, "--window", "C,W");
            if (cw.Length != 2) throw new ChestDxException($"--window {window}: expected C,W (e.g. 1500,1000)");
            if (cw[1] < 1)
                throw new ChestDxException($"--window {window}: width must be at least 1 (PS3.3 C.11.2.1.2.1)");
            return VoiChoice.Window(cw[0], cw[1]);
        }
        string spec = (voi ?? "auto").Trim().ToLowerInvariant();
        if (spec == "auto") return VoiChoice.Auto;
        if (spec == "minmax") return VoiChoice.MinMax;
        if (spec == "full") return VoiChoice.FullRange;
        if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1)
            return VoiChoice.FileWindow(n - 1);
        if (spec.StartsWith("lut:", StringComparison.Ordinal) &&
            int.TryParse(spec[4..], NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l >= 1)
            return VoiChoice.FileLut(l - 1);
        if (spec.StartsWith("percentile:", StringComparison.Ordinal))
        {
            double[] p = Numbers(spec[11..], "--voi", "percentile:LO,HI");
            if (p.Length != 2 || !(p[0] >= 0 && p[0] < p[1] && p[1] <= 100))
                throw new ChestDxException($"--voi {voi}: expected percentile:LO,HI with 0 <= LO < HI <= 100");
            return VoiChoice.Percentile(p[0], p[1]);
        }
        throw new ChestDxException($"--voi {voi}: not a VOI choice. {VoiHelp}");
    }

    private static double[] Numbers(string text, string option, string form)
    {
        string[] parts = text.Split(',');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                || !double.IsFinite(values[i]))
                throw new ChestDxException($"{option} {text}: expected {form}");
        return values;
    }
}
