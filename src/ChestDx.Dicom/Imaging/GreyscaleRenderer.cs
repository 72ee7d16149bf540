using System.Globalization;
using ChestDx.Dicom.Attributes;
using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Imaging;

/// <summary>
/// The grey pipeline (PS3.3 C.11; dcmtk 3.6.7 dcm2pnm as the reference renderer): stored values → modality
/// transform → VOI → MONOCHROME1 inversion → 8- or 16-bit display values, matching dcmtk's dcm2pnm/dcmj2pnm output
/// exactly: output = floor(y) for MONOCHROME2 and floor(yMax − y) for MONOCHROME1, where y is the continuous VOI
/// output. The inversion comes after VOI; Presentation LUT Shape INVERSE on MONOCHROME1 describes that same
/// inversion, it is not a second one (PS3.3 C.8.11.1.1.1). For Bits Stored ≤ 16 the whole chain is evaluated once
/// per possible stored value into a table.
/// </summary>
public static class GreyscaleRenderer
{
    /// <summary>
    /// Decodes frame <paramref name="frameIndex"/> (0-based) of <paramref name="file"/> and renders it.
    /// </summary>
    public static GreyImage Render(DicomFile file, GreyscaleRenderOptions? options = null, int frameIndex = 0,
        FrameDecoders? decoders = null)
    {
        DicomPixelData pixels = file.GetPixelData(decoders);
        RequireGreyscale(pixels.Layout, file.Path);
        if ((uint)frameIndex >= (uint)pixels.FrameCount)
            throw DicomThrowHelper.Create(file.Path,
                $"frame {frameIndex + 1} requested but the file has {pixels.FrameCount} frame(s)",
                DicomTags.NumberOfFrames);
        int[] samples = pixels.DecodeSamples(frameIndex);
        return Render(samples, pixels.Layout, file.Dataset, options ?? GreyscaleRenderOptions.Default, file.Path);
    }

    /// <summary>
    /// Renders interpreted samples (from <see cref="DicomPixelData.DecodeSamples"/>) with the data set's LUT
    /// attributes.
    /// </summary>
    public static GreyImage Render(int[] samples, PixelLayout layout, DicomDataset dataset,
        GreyscaleRenderOptions options, string? path)
    {
        RequireGreyscale(layout, path);
        var notes = new List<string>();
        ModalityTransform modality = options.ApplyModalityLut
            ? ModalityTransform.FromDataset(dataset, layout, notes, path)
            : ModalityTransform.Identity;
        PixelPadding? padding = PixelPadding.FromDataset(dataset, layout);
        double yMax = options.OutputBits == 8 ? 255 : 65535;
        bool invert = layout.PhotometricInterpretation == "MONOCHROME1";
        if (!invert && dataset.GetString(DicomTags.PresentationLutShape) is "INVERSE")
            notes.Add("Presentation LUT Shape INVERSE on MONOCHROME2 ignored: output keeps high values bright");

        var stats = new ValueStatistics(samples, layout, modality, padding);
        (Func<double, int> quantise, string voiText) =
            ResolveVoi(options.Voi, dataset, layout, modality, stats, yMax, invert, notes, path);

        int count = layout.Rows * layout.Columns;
        byte[]? out8 = options.OutputBits == 8 ? new byte[count] : null;
        ushort[]? out16 = options.OutputBits == 16 ? new ushort[count] : null;
        if (layout.BitsStored <= 16)
        {
            int min = layout.IsSigned ? -(1 << (layout.BitsStored - 1)) : 0;
            int size = 1 << layout.BitsStored;
            var table = new int[size];
            for (int i = 0; i < size; i++) table[i] = quantise(modality.Apply(i + min));
            if (out8 is not null) for (int i = 0; i < count; i++) out8[i] = (byte)table[samples[i] - min];
            else for (int i = 0; i < count; i++) out16![i] = (ushort)table[samples[i] - min];
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                int v = quantise(modality.Apply(samples[i]));
                if (out8 is not null) out8[i] = (byte)v;
                else out16![i] = (ushort)v;
            }
        }
        return new GreyImage(layout.Columns, layout.Rows, options.OutputBits, out8, out16, modality.Description,
            voiText, invert, notes);
    }

    /// <summary>
    /// Renders frame <paramref name="frameIndex"/> row by row into <paramref name="onRow"/> (Columns display values
    /// each, 0 … 2^OutputBits − 1), with the same result as
    /// <see cref="Render(DicomFile, GreyscaleRenderOptions?, int, FrameDecoders?)"/>
    /// but without holding the frame where <see cref="FrameRowReader"/> streams it: the VOI comes from the file, or
    /// from a histogram of stored values made in a first pass over the rows when a min/max or percentile window
    /// needs one. The returned image has the record of how it was made and no pixels (<see cref="GreyImage.Pixels8"/>
    /// and <see cref="GreyImage.Pixels16"/> are null). Frames with Bits Stored above 16 are rendered whole.
    /// </summary>
    public static GreyImage RenderRows(DicomFile file, GreyscaleRenderOptions options, int frameIndex,
        GreyRowHandler onRow, FrameDecoders? decoders = null) =>
        RenderRows(file, options, file.GetPixelData(decoders).OpenRows(frameIndex), onRow);

    /// <summary>
    /// As above, from rows already opened (so a caller can check <see cref="FrameRowReader.WorkingBytes"/> first).
    /// </summary>
    public static GreyImage RenderRows(DicomFile file, GreyscaleRenderOptions options, FrameRowReader rows,
        GreyRowHandler onRow)
    {
        PixelLayout layout = rows.Layout;
        RequireGreyscale(layout, file.Path);
        int columns = layout.Columns;
        var samples = new int[columns];
        var output = new ushort[columns];
        if (layout.BitsStored > 16)
        {
            // No table and no bounded histogram for 32-bit stored values: render the frame whole.
            var all = new int[(long)layout.Rows * columns];
            for (int y = 0; y < layout.Rows; y++) rows.ReadRow(all.AsSpan(y * columns, columns));
            GreyImage whole = Render(all, layout, file.Dataset, options, file.Path);
            for (int y = 0; y < layout.Rows; y++)
            {
                for (int x = 0; x < columns; x++) output[x] = (ushort)whole[x, y];
                onRow(output);
            }
            return new GreyImage(columns, layout.Rows, options.OutputBits, null, null, whole.ModalityTransform,
                whole.Voi, whole.InvertedMonochrome1, whole.Notes);
        }

        var notes = new List<string>();
        DicomDataset dataset = file.Dataset;
        ModalityTransform modality = options.ApplyModalityLut
            ? ModalityTransform.FromDataset(dataset, layout, notes, file.Path)
            : ModalityTransform.Identity;
        PixelPadding? padding = PixelPadding.FromDataset(dataset, layout);
        double yMax = options.OutputBits == 8 ? 255 : 65535;
        bool invert = layout.PhotometricInterpretation == "MONOCHROME1";
        if (!invert && dataset.GetString(DicomTags.PresentationLutShape) is "INVERSE")
            notes.Add("Presentation LUT Shape INVERSE on MONOCHROME2 ignored: output keeps high values bright");

        int min = layout.IsSigned ? -(1 << (layout.BitsStored - 1)) : 0;
        var stats = new ValueStatistics(() =>
        {
            var histogram = new long[1 << layout.BitsStored];
            for (int y = 0; y < layout.Rows; y++)
            {
                rows.ReadRow(samples);
                foreach (int v in samples) histogram[v - min]++;
            }
            rows.Reset();
            return histogram;
        }, layout, modality, padding);
        (Func<double, int> quantise, string voiText) =
            ResolveVoi(options.Voi, dataset, layout, modality, stats, yMax, invert, notes, file.Path);

        var table = new int[1 << layout.BitsStored];
        for (int i = 0; i < table.Length; i++) table[i] = quantise(modality.Apply(i + min));
        for (int y = 0; y < layout.Rows; y++)
        {
            rows.ReadRow(samples);
            for (int x = 0; x < columns; x++) output[x] = (ushort)table[samples[x] - min];
            onRow(output);
        }
        return new GreyImage(columns, layout.Rows, options.OutputBits, null, null, modality.Description, voiText,
            invert, notes);
    }

    /// <summary>
    /// The chosen VOI as a function from modality value to quantised (and, for MONOCHROME1, inverted) output.
    /// </summary>
    private static (Func<double, int> Voi, string Text) ResolveVoi(VoiChoice choice, DicomDataset ds,
        PixelLayout layout, ModalityTransform modality, ValueStatistics stats, double yMax, bool invert,
        List<string> notes, string? path)
    {
        var fileWindows = FileWindows(ds);
        IReadOnlyList<DicomDataset> luts = ds.GetSequence(DicomTags.VoiLutSequence);
        switch (choice)
        {
            case VoiChoice.ExplicitWindowChoice e:
                return (x => e.Value.Output(x, yMax, invert), e.Value.ToString());
            case VoiChoice.FileWindowChoice f:
                if (f.Index >= fileWindows.Count)
                    throw DicomThrowHelper.Create(path, $"window {f.Index + 1}"
                        + $" requested but the file has {fileWindows.Count} Window Center/Width pair(s)",
                        DicomTags.WindowCenter);
                if (fileWindows[f.Index].Problem is { } problem)
                    throw DicomThrowHelper.Create(path, $"window {f.Index + 1}: {problem}", DicomTags.WindowWidth);
                return WindowVoi(fileWindows[f.Index], $"file window {f.Index + 1}", yMax, invert);
            case VoiChoice.FileLutChoice l:
                if (l.Index >= luts.Count)
                    throw DicomThrowHelper.Create(path, $"VOI LUT {l.Index + 1}"
                        + $" requested but the file has {luts.Count} VOI LUT Sequence item(s)",
                        DicomTags.VoiLutSequence);
                return LutVoi(luts[l.Index], l.Index, layout, modality, yMax, invert, notes, path);
            case VoiChoice.MinMaxChoice:
                return RangeVoi(stats.Min, stats.Max, "min/max of the frame" + stats.PaddingNote, yMax, invert, notes);
            case VoiChoice.FullRangeChoice:
                (double lo, double hi) = FullRange(layout, modality);
                return RangeVoi(lo, hi, "full range of the stored bits", yMax, invert, notes);
            case VoiChoice.PercentileChoice p:
                (double plo, double phi) = stats.Percentiles(p.Low, p.High);
                return RangeVoi(plo, phi, string.Create(CultureInfo.InvariantCulture,
                    $"percentiles {p.Low}-{p.High} of the frame{stats.PaddingNote}"), yMax, invert, notes);
            case VoiChoice.AutoChoice auto:
                for (int i = 0; i < fileWindows.Count; i++)
                {
                    if (fileWindows[i].Problem is { } invalid)
                    {
                        notes.Add($"file window {i + 1} skipped: {invalid}");
                        continue;
                    }
                    return WindowVoi(fileWindows[i], $"file window {i + 1}", yMax, invert);
                }
                if (luts.Count > 0) return LutVoi(luts[0], 0, layout, modality, yMax, invert, notes, path);
                if (auto.Fallback is VoiChoice.MinMaxChoice)
                    return RangeVoi(stats.Min, stats.Max,
                        "min/max of the frame, the file has no VOI" + stats.PaddingNote, yMax, invert, notes);
                notes.Add("the file has no VOI window or LUT");
                return ResolveVoi(auto.Fallback, ds, layout, modality, stats, yMax, invert, notes, path);
            default:
                throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown VOI choice");
        }
    }

    private static List<VoiWindow> FileWindows(DicomDataset ds)
    {
        double[] centers = ds.GetNumbers(DicomTags.WindowCenter);
        double[] widths = ds.GetNumbers(DicomTags.WindowWidth);
        VoiFunction function = VoiWindow.ParseFunction(ds.GetString(DicomTags.VoiLutFunction));
        var windows = new List<VoiWindow>();
        for (int i = 0; i < Math.Min(centers.Length, widths.Length); i++)
            windows.Add(new VoiWindow(centers[i], widths[i], function));
        return windows;
    }

    private static (Func<double, int>, string) WindowVoi(VoiWindow w, string source, double yMax, bool invert) =>
        (x => w.Output(x, yMax, invert), $"{w} ({source})");

    /// <summary>
    /// A linear ramp taking <paramref name="lo"/> to 0 and <paramref name="hi"/> to yMax,
    /// y = (x − lo) / (hi − lo) · yMax, quantised like the windows (floor, MONOCHROME1 floor(yMax − y)). It is the
    /// LINEAR window with C = (lo + hi + 1) / 2, W = hi − lo + 1 (dcmtk's min-max window) evaluated directly, so lo
    /// and hi land exactly on 0 and yMax.
    /// </summary>
    private static (Func<double, int>, string) RangeVoi(double lo, double hi, string source, double yMax, bool invert,
        List<string> notes)
    {
        if (hi < lo) (lo, hi) = (hi, lo);
        string text = string.Create(CultureInfo.InvariantCulture, $"linear {lo:G6}..{hi:G6} ({source})");
        if (hi == lo)
        {
            notes.Add(
                $"every pixel has the value {lo.ToString("G6", CultureInfo.InvariantCulture)}: the image is uniform");
            return (x => VoiWindow.Clamp(x <= lo ? (invert ? yMax : 0) : (invert ? 0 : yMax), yMax), text);
        }
        double scale = yMax / (hi - lo);
        return (x =>
        {
            double y = x <= lo ? 0 : x >= hi ? yMax : (x - lo) * scale;
            return VoiWindow.Clamp(Math.Floor(invert ? yMax - y : y), yMax);
        }, text);
    }

    private static (Func<double, int>, string) LutVoi(DicomDataset item, int index, PixelLayout layout,
        ModalityTransform modality, double yMax, bool invert, List<string> notes, string? path)
    {
        // C.11.2.1.1: the first mapped value is SS when the values entering the VOI LUT can be negative.
        bool signed = item[DicomTags.LutDescriptor]?.VR == DicomVR.SS || (layout.IsSigned && !modality.IsLut);
        LookupTable lut = LookupTable.FromItem(item, signed, $"VOI LUT Sequence item {index + 1}", path);
        notes.AddRange(lut.Repairs.Select(r => $"VOI LUT {index + 1}: {r}"));
        double scale = yMax / lut.MaxOutput;
        return (x => VoiWindow.Clamp(Math.Floor(invert ? yMax - lut.Lookup(x) * scale : lut.Lookup(x) * scale), yMax),
            $"VOI LUT {index + 1} ({lut.Count} entries, {lut.Bits} bits{(lut.Explanation is { } e ? ", " + e : "")})");
    }

    private static (double, double) FullRange(PixelLayout layout, ModalityTransform modality)
    {
        if (modality.Lut is { } lut) return (0, lut.MaxOutput);
        int min = layout.IsSigned ? -(1 << (layout.BitsStored - 1)) : 0;
        long max = layout.IsSigned ? (1L << (layout.BitsStored - 1)) - 1 : (1L << layout.BitsStored) - 1;
        double a = modality.Apply(min), b = modality.Apply((int)Math.Min(max, int.MaxValue));
        return (Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>Throws unless the frames are single-sample MONOCHROME1/2: what the grey pipeline renders.</summary>
    public static void RequireGreyscale(PixelLayout layout, string? path)
    {
        if (!layout.IsMonochrome || layout.SamplesPerPixel != 1)
            throw DicomThrowHelper.Create(path,
                $"Photometric Interpretation {layout.PhotometricInterpretation} with {layout.SamplesPerPixel}"
                + $" sample(s) per pixel is not a greyscale image", DicomTags.PhotometricInterpretation);
    }
}

/// <summary>Receives one rendered row (its span is reused for the next row).</summary>
public delegate void GreyRowHandler(ReadOnlySpan<ushort> row);
