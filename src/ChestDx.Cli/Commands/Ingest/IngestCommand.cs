using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>`chestdx ingest`: source folder + labels → dataset pack (see data-manifests/PACK_FORMAT.md).</summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Option<string>("--source")
        {
            Description = "Folder of images: NIH layout (images_*/images/*.png), a flat folder, or a tree",
            Required = true,
        };
        var labels = new Option<string?>("--labels")
        {
            Description = "Labels: NIH Data_Entry_2017*.csv[.gz] or a CSV image_id,patient_id,view,sex,age,<classes>; "
                + "omit for an inference-only pack",
        };
        var classes = new Option<string>("--classes")
        {
            Description = "Class set of a generic labels CSV: auto (ChestX-ray14 when every label column is one of its "
                        + "findings, else the file's label columns), a known set (chestxray14, chexpert, chexpert5, "
                        + "xrv18, vindr, rsna) or names A,B,C; columns outside the set are ignored and listed",
            DefaultValueFactory = _ => "auto",
        };
        var format = ChoiceOption.CreateOptional<DatasetFormat>("--format",
            "Labels format; detected from the header when omitted (the summary says which)");
        var uncertain = ChoiceOption.Parsed<UncertainPolicies?>("--uncertain",
            "CheXpert/MIMIC uncertain (-1) labels: ignore (masked, default), zeros, ones, chexpert_paper "
                + "(Irvin et al. 2019: Atelectasis and Edema ones, the rest ignore), then CLASS=POLICY pairs, "
                + "e.g. zeros,Atelectasis=ones", UncertainPolicies.Parse);
        var readers = ChoiceOption.CreateOptional<ReaderRule>("--readers",
            "VinDr-CXR radiologists per image: any (one marks it; default) or majority (more than half)");
        var metadata = new Option<string?>("--metadata")
        {
            Description = "MIMIC-CXR-JPG metadata.csv (required with its chexpert/negbio labels) or RSNA Pneumonia's "
                + "DICOM header table (view, sex, age)",
        };
        var views = ChoiceOption.Parsed<ViewFilter?>("--views",
            "Keep only these views, e.g. PA,AP (laterals dropped) or PA,AP,lateral; terms PA, AP, LL, RL, LATERAL, "
                + "…, frontal, lateral, unknown. Dropped images are rejected inputs, counted in the summary",
            ViewFilter.Parse);
        var output = new Option<string>("--out")
        {
            Description = "Pack directory to create (rerun the same command to resume)", Required = true,
        };
        var size = new Option<int>("--size")
        {
            Description = "Pack image side: 224, 256 or 512", DefaultValueFactory = _ => 256,
        };
        var aspect = ChoiceOption.Create("--aspect",
            "pad (letterbox on black, nothing cut) or crop (centre square).", AspectMode.Pad);
        var split = ChoiceOption.Parsed("--split",
            "official (NIH lists), random (70/10/20 by patient), file:PATH (image_id,split), none (all test); "
                + "auto = official for NIH labels, random for other labels, none without.",
            SplitSpec.Parse, "auto");
        var valFraction = new Option<double>("--val-fraction")
        {
            Description = "Fraction of training patients carved out as val (official, random)",
            DefaultValueFactory = _ => 0.1,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the patient-level split draws", DefaultValueFactory = _ => 0,
        };
        var keyFile = new Option<string?>("--key-file")
        {
            Description = "Site key (HMAC-SHA256): patient ids, image ids, file and folder names and labels ids "
                + $"become keyed pseudonyms in every output; else ${Pseudonymiser.KeyVariable}",
        };
        var noPseudonym = new Option<bool>("--no-pseudonym")
        {
            Description = "Keep patient ids as given: only for public data such as NIH ChestX-ray14",
        };
        var idMap = new Option<string?>("--id-map")
        {
            Description = "With a site key: write pseudonym → original (image ids, source paths, labels ids, SOP UIDs, "
                + "patient ids) to this file, outside the pack, owner-only (0600)",
        };
        var onePerPatient = new Option<bool>("--one-image-per-patient")
        {
            Description = "State that images without a patient id are each a different patient; without it a split "
                + "by patient refuses sources that have no patient ids",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "i/N: ingest the i-th of N slices (0-based) for `chestdx pack merge`",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "Decoding threads (each holds at most --max-image-memory)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var maxImageMemory = new Option<string>("--max-image-memory")
        {
            Description = "Most memory one worker may hold for one image, e.g. 512M or 2G; larger images are rejected "
                + "with the reason (PNG, RLE and native DICOM are decoded by rows and need little)",
            DefaultValueFactory = _ => "1G",
        };

        var command = new Command("ingest",
            "Turn chest radiographs and their labels into a normalised, labelled dataset pack, split by patient.")
        {
            source, labels, classes, format, uncertain, readers, metadata, views, output, size, aspect, split,
            valFraction, seed, keyFile, noPseudonym, idMap, onePerPatient, shard, workers, maxImageMemory,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            Pseudonymiser pseudonymiser = Pseudonymiser.Resolve(parse.GetValue(keyFile), parse.GetValue(noPseudonym),
                Environment.GetEnvironmentVariable);
            var options = new IngestOptions
            {
                Source = parse.GetValue(source)!,
                Labels = parse.GetValue(labels),
                Classes = LabelClassChoice.Parse(parse.GetValue(classes)),
                LabelReading = new LabelReadOptions
                {
                    Format = parse.GetValue(format),
                    Uncertain = parse.GetValue(uncertain),
                    Readers = parse.GetValue(readers),
                    Metadata = parse.GetValue(metadata),
                },
                Views = parse.GetValue(views),
                Output = parse.GetValue(output)!,
                Size = parse.GetValue(size),
                Aspect = aspect.Get(parse),
                Split = parse.GetValue(split)!,
                ValFraction = parse.GetValue(valFraction),
                Seed = parse.GetValue(seed),
                Pseudonymiser = pseudonymiser,
                IdMap = parse.GetValue(idMap),
                OneImagePerPatient = parse.GetValue(onePerPatient),
                Shard = parse.GetValue(shard) is { } s ? ShardSpec.Parse(s) : null,
                Workers = parse.GetValue(workers),
                MemoryBudget = MemoryBudget.Parse(parse.GetValue(maxImageMemory)!),
            };
            options.Validate();
            using var writer = CliContext.LockDirectory(parse, options.Output);
            IngestReport report = IngestRunner.Run(options, context.CreateProgress(), cancel);
            PackTables.Render(context.Console, report.Directory, report.Info, report.Rejected);
            PackTables.RenderDisjointness(context.Console, report.Directory, report.Info);
            if (report.AlreadyComplete)
                context.Console.MarkupLine("[grey]the pack was already complete: nothing to do[/]");
            return 0;
        });
        return command;
    }
}
