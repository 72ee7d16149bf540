using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.IO;
using ChestDx.Core.Progress;
using ChestDx.Phantoms.Output;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Phantoms;

/// <summary>What a generation run did.</summary>
public sealed record PhantomRunSummary(string Directory, int Written, int Skipped, int Patients,
    IReadOnlyList<int> Positives);

/// <summary>
/// Writes a phantom folder: <c>images/&lt;image_id&gt;</c> (greyscale PNGs), <c>labels.csv</c> and <c>phantoms.json</c>
/// (see Phantoms/README.md). Deterministic: the same options give byte-identical files on any machine and with any
/// number of workers. Resumable: every file is written atomically, so a rerun with the same options into the same
/// folder keeps the images already there and writes the rest; labels.csv is written last and marks completion.
/// </summary>
public static class PhantomGenerator
{
    /// <summary>
    /// Version of the image model. Bump it whenever any change alters a pixel or a label for some seed; a folder made
    /// by another version is refused on resume instead of being silently mixed.
    /// </summary>
    public const int GeneratorVersion = 1;

    public const string ImagesFolder = "images";

    public static PhantomRunSummary Generate(PhantomOptions options, IProgressSink? progress = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        progress ??= NullProgressSink.Instance;
        string root = options.OutputDirectory;
        if (File.Exists(root)) throw ChestDxException.ForFile(root, "is a file; --out must be a folder");
        string images = Path.Combine(root, ImagesFolder);
        Directory.CreateDirectory(images);
        AtomicFile.RemoveTemporaries(root);
        AtomicFile.RemoveTemporaries(images);

        // Planning is cheap (no pixels): a first pass yields the label rows and the positives phantoms.json records;
        // the rendering pass plans each phantom again rather than holding every case in memory.
        var rows = new string[options.Count];
        var labels = new float[options.Count][];
        var views = new PhantomView[options.Count];
        var parallel =
            new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellation };
        Parallel.For(0, options.Count, parallel, i =>
        {
            PhantomCase phantom = PhantomPlanner.Plan(options, i);
            rows[i] = PhantomLabelsCsv.Row(phantom);
            labels[i] = phantom.Labels();
            views[i] = phantom.View;
        });
        var positives = new int[ClassSet.ChestXray14.Count];
        foreach (float[] row in labels)
            for (int c = 0; c < row.Length; c++) positives[c] += row[c] == 1 ? 1 : 0;
        int ap = views.Count(v => v == PhantomView.AP);
        WriteOrCheckManifest(Path.Combine(root, PhantomManifestJson.FileName),
            PhantomManifestJson.Format(options, positives, ap));

        int written = 0, skipped = 0;
        using (IProgressTask task = progress.Start($"synth {options.Count} phantoms {options.Size}²", options.Count))
        {
            Parallel.For(0, options.Count, parallel, i =>
            {
                PhantomCase phantom = PhantomPlanner.Plan(options, i);
                string path = Path.Combine(images, phantom.ImageId);
                if (IsFinished(path))
                {
                    Interlocked.Increment(ref skipped);
                }
                else
                {
                    PhantomImage image = PhantomRenderer.Render(phantom, options.Size, options.Bits);
                    AtomicFile.Write(path, stream => PhantomPng.Write(image, stream));
                    Interlocked.Increment(ref written);
                }
                task.Advance();
            });
        }
        AtomicFile.WriteAllText(Path.Combine(root, PhantomLabelsCsv.FileName), PhantomLabelsCsv.Format(rows));
        if (skipped > 0) progress.Info($"{skipped} images were already in {images} and were kept");
        return new PhantomRunSummary(root, written, skipped, options.Patients, positives);
    }

    // Atomic writes mean an existing file is complete; a zero-length one can only come from outside and is redone.
    private static bool IsFinished(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length > 0;
    }

    private static void WriteOrCheckManifest(string path, string manifest)
    {
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path);
            if (existing != manifest)
                throw ChestDxException.ForFile(path,
                    "this folder holds phantoms made with other settings or another generator version; "
                    + "rerun with the settings recorded there or choose an empty folder");
            return;
        }
        AtomicFile.WriteAllText(path, manifest);
    }
}
