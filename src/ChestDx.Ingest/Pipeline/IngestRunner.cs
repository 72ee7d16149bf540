using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Csv;
using ChestDx.Core.IO;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Png;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Packs;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Splits;
using ChestDx.Ingest.TestPoints;

namespace ChestDx.Ingest.Pipeline;

/// <summary>What a run did, for the CLI's summary table.</summary>
/// <param name="Resumed">Inputs found finished in an interrupted run's journal (not redone).</param>
/// <param name="AlreadyComplete">The pack already existed with the same settings and inputs: nothing was done.</param>
public sealed record IngestReport(
    string Directory, PackInfo Info, IReadOnlyList<RejectedInput> Rejected, int Resumed, bool AlreadyComplete);

/// <summary>
/// `chestdx ingest` from top to bottom: plan the inputs, resolve the split, open (or resume) the journal, decode and
/// normalise in parallel with results written in input order, then finish the pack. See data-manifests/PACK_FORMAT.md.
/// </summary>
public static class IngestRunner
{
    public static IngestReport Run(IngestOptions options, IProgressSink progress, CancellationToken cancel = default)
    {
        options.Validate();
        string output = Path.GetFullPath(options.Output);
        var names = new SourceNames(options.Pseudonymiser);
        IngestPlan plan = IngestPlan.Create(options.Source, options.Labels, output, progress, names, options.Classes,
            options.LabelReading, options.Views);
        if (plan.Labels.HasLabels)
            progress.Info($"labels: {LabelTable.FormatName(plan.Labels.Format)} "
                + $"({(options.LabelReading.Format is null ? "detected from the header" : "--format")})");
        foreach (string line in plan.Labels.Adapter?.Summary ?? []) progress.Info(line);
        if (plan.Inputs.Count == 0)
            throw ChestDxException.ForFile(options.Source, "no files to ingest (the folder is empty)");
        RequireLabelledImages(options, plan);
        SplitPolicy split = ResolveSplit(options, plan.Labels);
        RequirePatientIds(options, plan, split);
        CheckSplitFileLeakage(options, plan, split);

        int total = plan.Inputs.Count;
        (int first, int length) = options.Shard?.Range(total) ?? (0, total);
        PackInfo template = Template(options, plan, split, first, length, total);
        string partial = IngestJournal.PathIn(output);

        var processor = new ImageProcessor(options, split, plan.Labels);
        if (!Directory.Exists(partial) && File.Exists(Path.Combine(output, PackFormat.InfoFile)))
        {
            IngestReport existing = Existing(output, template);
            SplitWarnings.Warn(output, existing.Info, progress);
            WriteIdMap(options, plan, processor, first, length, progress, cancel);
            return existing;
        }
        CheckOutputDirectory(output);
        // What a killed run was writing (a half manifest.csv, …) goes now, so the finished pack holds none of it.
        AtomicFile.RemoveTemporaries(output);
        AtomicFile.RemoveTemporaries(partial);

        // A finish killed after moving images.u8 out of .partial: move it back before the journal checks it, or
        // the journal would find no images, cut itself to nothing and redo every input.
        string partialImages = Path.Combine(partial, PackFormat.ImagesFile);
        string finalImages = Path.Combine(output, PackFormat.ImagesFile);
        if (Directory.Exists(partial) && !File.Exists(partialImages) && File.Exists(finalImages))
            File.Move(finalImages, partialImages);

        int imageBytes = options.Size * options.Size;
        int resumed;
        using (IngestJournal journal = IngestJournal.Open(partial, template.ToJson(), imageBytes, first))
        {
            resumed = journal.Completed;
            if (resumed > 0)
                progress.Info($"resuming: {resumed} of {length} inputs already done (" +
                              $"{journal.AcceptedRows} images verified)");
            PlannedInput[] todo = plan.Inputs.Skip(first + resumed).Take(length - resumed).ToArray();
            using IProgressTask task = progress.Start("ingest", length);
            task.Advance(resumed);
            int window = options.Workers * 4;
            Dictionary<string, int> rows = journal.ImageRows;
            int nextRow = journal.AcceptedRows;
            foreach (Outcome processed in OrderedParallel.Run(todo, options.Workers, window, processor.Process, cancel))
            {
                Outcome outcome = processed;
                try
                {
                    // The same image twice (a DICOM exported twice, a copied PNG): the first one stays, later ones
                    // are rejected.
                    if (outcome.Record is { } record)
                    {
                        if (rows.TryAdd(record.ImageId, nextRow)) nextRow++;
                        else
                            outcome = Outcome.Reject(outcome.Index, record[ManifestColumns.Source],
                                $"duplicate image id '{record.ImageId}': same as manifest row {rows[record.ImageId]}");
                    }
                    journal.Append(outcome);
                }
                finally
                {
                    processed.Release();
                }
                task.Advance();
            }
        }

        var rejected = new List<RejectedInput>();
        PackInfo info = PackFinaliser.Write(
            output, template,
            IngestJournal.ReadAll(partial).Where(l => l.Record is not null).Select(l => l.Record!),
            IngestJournal.ReadAll(partial).Where(l => l.Rejected is not null && !plan.Inputs[l.Index].WithoutImage)
                .Select(l => { rejected.Add(l.Rejected!); return l.Rejected!; }),
            partialImages,
            plan.Inputs.Skip(first).Take(length).Where(i => i.WithoutImage)
                .Select(i => new LabelsRowWithoutImage(i.Row!.Line, names.ImageId(null, i.Row, null))));
        IngestTestPoints.At(IngestTestPoints.InfoWritten);
        Directory.Delete(partial, recursive: true);
        if (info.Count == 0) progress.Warn($"{output}: no image was accepted; see {PackFormat.RejectedFile} for why");
        SplitWarnings.Warn(output, info, progress);
        WriteIdMap(options, plan, processor, first, length, progress, cancel);
        // DICOM headers are read only while decoding, so a source whose files all lack PatientID cannot be refused
        // up front as a labels file without a patient column is; refuse it now, with every file in rejected.csv.
        if (info.Count == 0 && rejected.Count > 0 && rejected.All(r => r.Reason == ImageProcessor.NoPatientIdReason))
            throw ChestDxException.ForFile(output,
                "no image has a patient id, so a split by patient cannot run: add patient ids, choose --split " +
                $"none or --split file:FILE, or state --one-image-per-patient (every input is listed in " +
                $"{PackFormat.RejectedFile})");
        return new IngestReport(output, info, rejected, resumed, AlreadyComplete: false);
    }

    /// <summary>
    /// `--id-map`: one row per input of this run (or shard), from the plan and a header-only re-read of each DICOM
    /// file, so a resumed or already finished run writes the same map as an uninterrupted one (the journal never
    /// holds clear identifiers to rebuild it from).
    /// </summary>
    private static void WriteIdMap(
        IngestOptions options, IngestPlan plan, ImageProcessor processor, int first, int length,
        IProgressSink progress, CancellationToken cancel)
    {
        if (options.IdMap is null) return;
        PlannedInput[] inputs = plan.Inputs.Skip(first).Take(length).ToArray();
        using (IProgressTask task = progress.Start("id map", inputs.Length))
        {
            IEnumerable<IdMapRow> rows = OrderedParallel
                .Run(inputs, options.Workers, options.Workers * 4, processor.Identify, cancel)
                .Select(r => { task.Advance(); return r; });
            IdMap.Write(options.IdMap, rows);
        }
        progress.Info($"id map (pseudonym → original, owner-only) → {options.IdMap}");
    }

    /// <summary>pack.json before counting: what the pack is and how it was made.</summary>
    private static PackInfo Template(
        IngestOptions options, IngestPlan plan, SplitPolicy split, int first, int length, int total) => new()
    {
        ImageSize = options.Size,
        Classes = plan.Labels.Classes.Names,
        Software = Software,
        Shard = options.Shard is { } s ? new ShardInfo(s.Index, s.Count, first, length, total) : null,
        Settings = new PackSettings
        {
            Aspect = options.Aspect,
            Resampling = Resampler.Description,
            GreyConversion = GreyConversion.Description,
            Split = split.Settings,
            Labels = new LabelSettings
            {
                Format = plan.Labels.Format,
                File = plan.Labels.FileName,
                Sha256 = plan.Labels.Sha256,
                Ignored = plan.Labels.Ignored,
                AgesBlanked = plan.Labels.AgesBlanked,
                Views = options.Views?.Terms,
                PatientIdsFrom = plan.Labels.Adapter?.PatientIds,
                Uncertain = plan.Labels.Adapter?.Uncertain,
                UncertainCells = plan.Labels.Adapter?.UncertainCells,
                Readers = plan.Labels.Adapter?.Readers,
                ReaderAgreement = plan.Labels.Adapter?.ReaderAgreement,
                MetadataFile = plan.Labels.Adapter?.MetadataFile,
                MetadataSha256 = plan.Labels.Adapter?.MetadataSha256,
            },
            Pseudonym = options.Pseudonymiser.Enabled ? "hmac-sha256" : "none",
            KeyId = options.Pseudonymiser.KeyId,
            SourcePathsPseudonymised = options.Pseudonymiser.Enabled,
            OneImagePerPatient = options.OneImagePerPatient ? true : null,
            InputsSha256 = plan.InputsSha256,
        },
    };

    /// <summary>The informational version (e.g. 0.1.0+commit): packs made by different builds are not merged.</summary>
    public static SoftwareInfo Software { get; } = new("chestdx", ChestDxVersion.Informational);

    private static SplitPolicy ResolveSplit(IngestOptions options, LabelTable labels)
    {
        SplitMethod method = options.Split.Method;
        if (method == SplitMethod.Auto)
            method = labels.Format switch
            {
                LabelFileFormat.NihDataEntry => SplitMethod.Official,
                LabelFileFormat.None => SplitMethod.None,
                _ => SplitMethod.Random,
            };
        return method switch
        {
            SplitMethod.Official => new OfficialNihSplit(options.Seed, options.ValFraction),
            SplitMethod.Random => new RandomPatientSplit(options.Seed, options.ValFraction, options.TestFraction),
            SplitMethod.File => FileSplit.Read(options.Split.File!),
            _ => new NoSplit(),
        };
    }

    /// <summary>
    /// A labels file none of whose rows can label an image (header only, every row broken, or no row naming a file of
    /// the source) would make an empty pack and exit 0; it is an error naming the labels file instead.
    /// </summary>
    private static void RequireLabelledImages(IngestOptions options, IngestPlan plan)
    {
        LabelTable labels = plan.Labels;
        if (!labels.HasLabels
            || plan.Inputs.Any(i => i.File is not null && i.Row is not null && i.RejectReason is null))
            return;
        int usable = labels.Rows.Count(r => r.Error is null);
        string why = usable == 0
            ? $"all {labels.Rows.Count} rows are unusable (first: {labels.Rows.FirstOrDefault()?.Error})"
            : $"none of its {usable} usable rows names an image of " +
              $"{options.Source} (ids are matched to relative paths, file names and file names without extension)";
        throw ChestDxException.ForFile(options.Labels!, "no labelled images: " + why);
    }

    /// <summary>
    /// A split by patient over images that have no patient id would place each image as its own patient: with several
    /// films per patient, the same patient lands in train and test while the pack looks patient-disjoint. Refused
    /// before any decoding unless the user states --one-image-per-patient. Only what is known before decoding
    /// counts: when some inputs have ids (or are DICOM, whose header may carry PatientID), the run goes on and each
    /// image found without an id is rejected with <see cref="ImageProcessor.NoPatientIdReason"/>.
    /// </summary>
    private static void RequirePatientIds(IngestOptions options, IngestPlan plan, SplitPolicy split)
    {
        if (!split.ByPatient || options.OneImagePerPatient) return;
        PlannedInput[] candidates = plan.Inputs.Where(i => i.File is not null && i.RejectReason is null).ToArray();
        LabelTable labels = plan.Labels;
        // VinDr-CXR and RSNA publish ids per image: a DICOM header's PatientID is that image id, not a patient.
        bool perImage = labels.Adapter?.PatientIds == PatientIdSource.PerImage;
        if (candidates.Length == 0 || candidates.Any(i => i.Row?.PatientId is not null)
            || (!perImage && candidates.Any(i => MayBeDicom(i.File!)))) return;
        string where = perImage
            ? $"{LabelTable.FormatName(labels.Format)} publishes ids per image, not per patient"
            : !labels.HasLabels
            ? "there is no labels file and the images are not DICOM"
            : labels.PatientColumn is { } column
                ? $"its patient column '{column}' is blank in every row"
                : $"it has no patient column (looked for {ColumnNames.List(ColumnNames.PatientId)}, in any case)";
        throw ChestDxException.ForFile(options.Labels ?? options.Source,
            $"no patient ids: {where}, so a split by patient ({Choice<SplitMethod>.Name(split.Settings.Method)}) "
            + "cannot keep a patient's images together; add the patient column, use --split file:PATH or "
            + "--split none, or state --one-image-per-patient if every image is a different patient");
    }

    private static bool MayBeDicom(Sources.SourceFile file)
    {
        Span<byte> head = stackalloc byte[1024];
        int n;
        try
        {
            using var handle = File.OpenHandle(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            n = RandomAccess.Read(handle, head, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return DicomFileReader.Instance.CanRead(head[..n], file.RelativePath);
    }

    /// <summary>A split file can put one patient on both sides; say so before hours of decoding, not after.</summary>
    private static void CheckSplitFileLeakage(IngestOptions options, IngestPlan plan, SplitPolicy split)
    {
        if (split is not FileSplit) return;
        var entries = plan.Inputs
            .Where(i => i.Row is { PatientId: not null } && i.RejectReason is null)
            .Select((i, n) => new PackEntry(
                n, i.Row!.ImageId, options.Pseudonymiser.Patient(i.Row.PatientId!), null, null, null, [],
                split.Assign(i.Row.ImageId, "", out _) ?? "", new Dictionary<string, string>()))
            .Where(e => e.Split.Length > 0);
        DatasetPack.CheckPatientsDisjoint(options.Split.File!, entries);
    }

    private static IngestReport Existing(string output, PackInfo template)
    {
        PackInfo existing = DatasetPack.ReadInfo(output);
        string Key(PackInfo p) => JsonSerializer.Serialize(
            p with
            {
                Count = 0, Rejected = 0, Inputs = null, PatientIds = null, LabelsWithoutImage = null,
                Splits = new Dictionary<string, SplitSummary>()
            },
            PackInfo.JsonOptions);
        if (Key(existing) != Key(template))
            throw ChestDxException.ForFile(output, "already holds a finished pack made with other settings, inputs " +
                                                   "or ChestDx version; choose another --out or delete it");
        var rejected = RejectedCsv.Read(Path.Combine(output, PackFormat.RejectedFile));
        return new IngestReport(output, existing, rejected, 0, AlreadyComplete: true);
    }

    private static void CheckOutputDirectory(string output)
    {
        if (!Directory.Exists(output)) return;
        string[] foreign = Directory.EnumerateFileSystemEntries(output)
            .Select(Path.GetFileName)
            // pack.json too: a finish killed after writing it but before deleting .partial is still ours to finish.
            .Where(n => n is not (IngestJournal.DirectoryName or PackFormat.ImagesFile or PackFormat.ManifestFile
                                  or PackFormat.RejectedFile or PackFormat.InfoFile
                                  or PackFormat.LabelsWithoutImageFile))
            .Where(n => !n!.StartsWith('.'))
            .ToArray()!;
        if (foreign.Length > 0)
            throw ChestDxException.ForFile(output,
                $"is not empty and not an unfinished pack (contains {string.Join(", ", foreign.Take(3))}); " +
                "choose an empty or new directory");
    }
}
