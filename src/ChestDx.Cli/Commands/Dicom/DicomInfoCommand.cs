using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChestDx.Cli.Infrastructure;
using ChestDx.Dicom;
using ChestDx.Dicom.Attributes;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Dicom;

/// <summary>`chestdx dicom info FILE [--json]`: the typed attributes,
/// the identifiers and the reader's warnings.</summary>
internal static class DicomInfoCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "DICOM file (Part 10, or a bare data set)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var strict = new Option<bool>("--strict")
        {
            Description = "Reject what the lenient reader would only warn about.",
        };
        var command = new Command("info",
            "Print a DICOM file's attributes, transfer syntax and reader warnings. A local inspection tool: " +
            "its output INCLUDES PATIENT IDENTIFIERS (name, ID, birth date, accession number, UIDs, institution); " +
            "do not paste it into tickets, logs or reports. Only the header is read (Pixel Data is skipped).")
        {
            file, json, strict,
        };
        context.SetHandler(command, (parse, _) =>
        {
            string path = parse.GetValue(file)!;
            var options = new DicomReaderOptions
            {
                Strictness = parse.GetValue(strict) ? DicomStrictness.Strict : DicomStrictness.Lenient,
            };
            DicomFile dicom = DicomReader.ReadHeader(path, options);
            DicomImageAttributes attributes = dicom.GetAttributes();
            DicomIdentifiers identifiers = dicom.GetIdentifiers();
            if (parse.GetValue(json)) WriteJson(context, path, dicom, attributes, identifiers);
            else WriteTables(context, path, dicom, attributes, identifiers);
            return 0;
        });
        return command;
    }

    private static IEnumerable<(string Name, string? Value)> Rows(DicomFile dicom, DicomImageAttributes a)
    {
        static string? N(double? v) => v?.ToString("G10", CultureInfo.InvariantCulture);
        static string? S(Spacing? s) => s is { } v ? $"{N(v.Row)} \\ {N(v.Column)} mm" : null;
        yield return ("Transfer syntax", $"{a.TransferSyntaxUid} ({a.TransferSyntaxName})");
        yield return ("Preamble + DICM", dicom.HasPreamble ? "yes" : "no");
        yield return ("SOP class", a.SopClassName is null ? a.SopClassUid : $"{a.SopClassUid} ({a.SopClassName})");
        yield return ("For processing", a.IsForProcessing ? "YES: raw detector data, not for presentation" : "no");
        yield return ("Modality", a.Modality);
        yield return ("Body part", a.BodyPartExamined);
        yield return ("View",
            a.View.View == ChestView.Unknown ? "unknown" : $"{a.View.View} (from {a.View.Source}: {a.View.Raw})");
        yield return ("Rows x Columns", $"{a.Rows} x {a.Columns}");
        yield return ("Frames", a.NumberOfFrames.ToString(CultureInfo.InvariantCulture));
        yield return ("Samples per pixel", a.SamplesPerPixel?.ToString(CultureInfo.InvariantCulture));
        yield return ("Bits allocated/stored/high", $"{a.BitsAllocated} / {a.BitsStored} / {a.HighBit}");
        yield return ("Pixel representation",
            a.PixelRepresentation switch { 0 => "0 (unsigned)", 1 => "1 (signed)", _ => null });
        yield return ("Photometric", a.PhotometricInterpretation);
        yield return ("Presentation LUT shape", a.PresentationLutShape);
        yield return ("Pixel spacing", S(a.PixelSpacing));
        yield return ("Imager pixel spacing", S(a.ImagerPixelSpacing));
        yield return ("Rescale slope/intercept", a.RescaleSlope is null && a.RescaleIntercept is null
            ? null
            : $"{N(a.RescaleSlope) ?? "-"} / {N(a.RescaleIntercept) ?? "-"}");
        yield return ("Modality LUT sequence", a.HasModalityLutSequence ? "yes" : null);
        for (int i = 0; i < a.Windows.Count; i++)
            yield return ($"Window {i + 1}", $"C={N(a.Windows[i].Center)} W={N(a.Windows[i].Width)}" +
                                             $"{(a.Windows[i].Explanation is { } e ? $" ({e})" : "")}");
        yield return ("VOI LUT function", a.VoiLutFunction);
        yield return ("VOI LUT sequence items",
            a.VoiLutCount > 0 ? a.VoiLutCount.ToString(CultureInfo.InvariantCulture) : null);
        yield return ("Lossy compression", a.LossyImageCompression ? "yes (0028,2110 = 01)" : null);
        yield return ("Manufacturer", a.Manufacturer);
        yield return ("Model", a.ManufacturerModelName);
    }

    private static void WriteTables(CliContext context, string path, DicomFile dicom, DicomImageAttributes a,
        DicomIdentifiers ids)
    {
        var table = new Table().Title(Markup.Escape(path)).AddColumn("Attribute").AddColumn("Value");
        foreach ((string name, string? value) in Rows(dicom, a))
            if (value is not null) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        context.Console.Write(table);

        var identifiers = new Table()
            .Title("Identifiers (pseudonymised by ingestion; shown here for local inspection only)")
            .AddColumn("Attribute").AddColumn("Value");
        foreach ((string name, string? value) in ids.All()) identifiers.AddRow(name, Markup.Escape(value ?? "-"));
        context.Console.Write(identifiers);

        if (dicom.Warnings.Count == 0)
        {
            context.Console.MarkupLine("No reader warnings.");
            return;
        }
        context.Console.MarkupLine($"[yellow]{dicom.Warnings.Count} reader warning(s):[/]");
        foreach (var w in dicom.Warnings) context.Console.MarkupLine("  " + Markup.Escape(w.ToString()));
    }

    /// <summary>
    /// One JSON object with snake_case keys, like every other JSON file ChestDx writes; the identifiers object is
    /// keyed by DICOM keyword (PS3.6), e.g. PatientName.
    /// </summary>
    private static void WriteJson(
        CliContext context, string path, DicomFile dicom, DicomImageAttributes a, DicomIdentifiers ids)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteString("transfer_syntax_uid", a.TransferSyntaxUid);
            w.WriteString("transfer_syntax_name", a.TransferSyntaxName);
            w.WriteBoolean("has_preamble", dicom.HasPreamble);
            w.WriteString("sop_class_uid", a.SopClassUid);
            w.WriteString("sop_class_name", a.SopClassName);
            w.WriteBoolean("is_for_processing", a.IsForProcessing);
            w.WriteString("modality", a.Modality);
            w.WriteString("body_part_examined", a.BodyPartExamined);
            w.WriteStartObject("view");
            w.WriteString("value", a.View.View.ToString());
            w.WriteString("source", a.View.Source.ToString());
            w.WriteString("raw", a.View.Raw);
            w.WriteEndObject();
            Number(w, "rows", a.Rows);
            Number(w, "columns", a.Columns);
            w.WriteNumber("number_of_frames", a.NumberOfFrames);
            Number(w, "samples_per_pixel", a.SamplesPerPixel);
            Number(w, "bits_allocated", a.BitsAllocated);
            Number(w, "bits_stored", a.BitsStored);
            Number(w, "high_bit", a.HighBit);
            Number(w, "pixel_representation", a.PixelRepresentation);
            w.WriteString("photometric_interpretation", a.PhotometricInterpretation);
            w.WriteString("presentation_lut_shape", a.PresentationLutShape);
            SpacingJson(w, "pixel_spacing", a.PixelSpacing);
            SpacingJson(w, "imager_pixel_spacing", a.ImagerPixelSpacing);
            Number(w, "rescale_slope", a.RescaleSlope);
            Number(w, "rescale_intercept", a.RescaleIntercept);
            w.WriteBoolean("has_modality_lut_sequence", a.HasModalityLutSequence);
            w.WriteStartArray("windows");
            foreach (StoredWindow win in a.Windows)
            {
                w.WriteStartObject();
                w.WriteNumber("center", win.Center);
                w.WriteNumber("width", win.Width);
                w.WriteString("explanation", win.Explanation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("voi_lut_function", a.VoiLutFunction);
            w.WriteNumber("voi_lut_count", a.VoiLutCount);
            w.WriteBoolean("lossy_image_compression", a.LossyImageCompression);
            w.WriteString("manufacturer", a.Manufacturer);
            w.WriteString("manufacturer_model_name", a.ManufacturerModelName);
            w.WriteStartObject("identifiers");
            foreach ((string name, string? value) in ids.All()) w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteStartArray("warnings");
            foreach (var warning in dicom.Warnings) w.WriteStringValue(warning.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
        }
        // Straight to the console's writer: Spectre would wrap long lines and break the JSON.
        TextWriter output = context.Console.Profile.Out.Writer;
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void SpacingJson(Utf8JsonWriter w, string name, Spacing? spacing)
    {
        if (spacing is not { } s)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        w.WriteNumberValue(s.Row);
        w.WriteNumberValue(s.Column);
        w.WriteEndArray();
    }
}
