using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Dicom;
using ChestDx.Core.Labels;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Sources;
using ChestDx.Ingest.Splits;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// Turns one planned input into an <see cref="Outcome"/>: read, hash, decode, join identity and labels, pseudonymise,
/// split, normalise, measure. Stateless and thread-safe; any problem with the input becomes a rejection with a
/// one-line reason, so the run goes on. Only bugs escape.
/// </summary>
public sealed class ImageProcessor(IngestOptions options, SplitPolicy split, LabelTable labels)
{
    private readonly Pseudonymiser _pseudonyms = options.Pseudonymiser;
    private readonly SourceNames _names = new(options.Pseudonymiser);
    private readonly ImageLoadSettings _load =
        new(options.Size, options.Aspect) { Readers = options.Readers, Budget = options.MemoryBudget };

    public Outcome Process(PlannedInput input)
    {
        string source = input.Source(labels.FileName, _names);
        if (input.RejectReason is not null || input.File is null)
            return Outcome.Reject(input.Index, source, input.RejectReason ?? "no image");
        try
        {
            return Decode(input, input.File, source);
        }
        catch (Exception e) when (Reason(e, input.File, source) is { } reason)
        {
            return Outcome.Reject(input.Index, source, _names.Scrub(reason, input.File, input.Row));
        }
    }

    /// <summary>
    /// The clear identities behind an input's pseudonyms, for `--id-map`: its relative path, labels id and — read
    /// from the header, pixels not decoded — the DICOM SOP Instance UID and Patient ID. A file that cannot be read
    /// still gets its row (path and source pseudonym), so every rejected.csv row can be traced back.
    /// </summary>
    public IdMapRow Identify(PlannedInput input)
    {
        HeaderIdentity? header = null;
        if (input.File is { } file)
        {
            try
            {
                byte[] bytes = ImageLoader.ReadFile(file.FullPath, out int length);
                try
                {
                    string display = _names.Source(file.RelativePath);
                    if (length > 0
                        && _load.FindReader(bytes.AsSpan(0, Math.Min(length, 1024)), file.RelativePath)
                            is DicomFileReader)
                        header = DicomFileReader.ReadIdentity(bytes.AsSpan(0, length), display);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
            catch (Exception e) when (Reason(e, file, "") is not null)
            {
                // Unreadable: the row still maps the source pseudonym to the path.
            }
        }
        LabelRow? row = input.Row;
        string? clearPatient = row?.PatientId ?? header?.PatientId;
        return new IdMapRow(
            _names.ImageId(header?.ImageUid, row, input.File),
            input.Source(labels.FileName, _names),
            input.File?.RelativePath ?? "",
            row?.ImageId ?? "",
            header?.ImageUid ?? "",
            string.IsNullOrWhiteSpace(clearPatient) ? "" : _pseudonyms.Patient(clearPatient),
            string.IsNullOrWhiteSpace(clearPatient) ? "" : clearPatient.Trim());
    }

    private Outcome Decode(PlannedInput input, SourceFile file, string source)
    {
        // Readers name the file in errors and notes: under a key they are only told its pseudonym.
        string display = _names.Pseudonymised ? source : file.RelativePath;
        if (!ImageLoader.TryLoad(
                file.FullPath, file.RelativePath, display, _load, out LoadedImage? loaded, out string? rejection))
            return Outcome.Reject(input.Index, source, rejection);
        using (loaded)
        {
            ImageStatistics src = loaded.SourceStatistics;
            LabelRow? row = input.Row;
            HeaderIdentity? header = loaded.Identity;
            var notes = new List<string>(loaded.Notes.Select(n => _names.Scrub(n, file, row)));
            if (row is not null) notes.AddRange(row.Notes);

            // Splits look rows up by the labels id (NIH lists, --split file:), so they get the clear id; the pack
            // gets the pseudonym.
            string splitId = row?.ImageId
                ?? (header?.ImageUid is { Length: > 0 } uid ? _pseudonyms.ImageUid(uid) : file.RelativePath);
            string imageId = _names.ImageId(header?.ImageUid, row, file);
            string? clearPatient = row?.PatientId ?? header?.PatientId;
            string patient = string.IsNullOrWhiteSpace(clearPatient) ? "" : _pseudonyms.Patient(clearPatient);
            string? view = row?.View ?? header?.View; // both already reduced to the closed view vocabulary
            string? sex = row?.Sex ?? header?.Sex;
            int? age = row?.Age ?? header?.Age;
            float[] classLabels = LabelValue.ToFloats(row?.Labels ?? LabelValue.AllUnknown(labels.Classes.Count));

            if (patient.Length == 0 && split.ByPatient && !options.OneImagePerPatient)
                return Outcome.Reject(input.Index, source, NoPatientIdReason);
            string? splitName =
                split.Assign(splitId, patient.Length > 0 ? patient : "image:" + splitId, out string? splitReason);
            if (splitName is null)
                return Outcome.Reject(input.Index, source, _names.Scrub(splitReason ?? "no split", file, row));

            Span<byte> image = loaded.Pixels;
            ImageStatistics outStats = ImageStatistics.Of(image, 255);

            SourceImageInfo info = loaded.Info;
            string[] provenance =
            [
                source, loaded.FileSha256, info.Format,
                Int(info.Width), Int(info.Height), Int(info.BitDepth), info.Colour,
                info.Manufacturer ?? "", info.PixelSpacing ?? "",
                Fraction(src.Mean), Fraction(src.Std), Fraction(src.P01), Fraction(src.P50), Fraction(src.P99),
                Grey(outStats.Mean * 255), Grey(outStats.Std * 255),
                Convert.ToHexStringLower(SHA256.HashData(image)),
                string.Join("; ", notes),
            ];
            var record = new ManifestRecord(
                imageId, patient, view ?? "", sex ?? "", age is null ? "" : Int(age.Value),
                classLabels.Select(ManifestCsv.FormatLabel).ToArray(), splitName, provenance);
            return Outcome.Accept(input.Index, record, loaded.TakePixels());
        }
    }

    /// <summary>Why an image without a patient id is rejected under a split by patient.</summary>
    public const string NoPatientIdReason =
        "no patient id: a split by patient cannot keep this patient's images together " +
        "(state --one-image-per-patient if every image is a different patient)";

    /// <summary>
    /// The rejected.csv reason for an input error ("PATH: problem" loses its path: the source column has it).
    /// </summary>
    private static string? Reason(Exception e, SourceFile file, string source)
    {
        string? message = e switch
        {
            ChestDxException c => c.Message,
            DicomException d => d.Message,
            IOException io => $"cannot read: {io.Message}",
            UnauthorizedAccessException u => $"cannot read: {u.Message}",
            // Any other exception is a ChestDx bug that this file's content triggered. The file is rejected (so the run
            // goes on and the input is accounted for) and the reason says so; no stack trace is printed, because a
            // trace quotes whatever the failing code held, and under a site key nothing may name the file in clear.
            OperationCanceledException or OutOfMemoryException => null,
            _ => $"ChestDx failed on this file ({e.GetType().Name}: " +
                 $"{e.Message}); this is a bug in ChestDx: please report it",
        };
        if (message is null) return null;
        foreach (string prefix in new[] { file.RelativePath + ": ", file.FileName + ": ", source + ": " })
            if (message.StartsWith(prefix, StringComparison.Ordinal)) return message[prefix.Length..];
        return message;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string Fraction(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
    private static string Grey(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
