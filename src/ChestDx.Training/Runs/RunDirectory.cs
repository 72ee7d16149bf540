using ChestDx.Core.IO;

namespace ChestDx.Training.Runs;

/// <summary>
/// The files of a training run:
/// <code>
/// RUN/config.json            resolved TrainConfig + "derived" facts (parameter counts, pack hash, device, weights)
/// RUN/metrics.csv            one row per epoch
/// RUN/checkpoints/last.ckpt  model, optimizer, scheduler, RNG, history after the latest epoch (what --resume reads)
/// RUN/checkpoints/best.ckpt  model and history at the lowest validation loss
/// RUN/model.safetensors      the best model, torchvision key names + ChestDx metadata (what predict reads)
/// RUN/model_card.json        provenance and results of that model
/// RUN/baseline-scratch/      the same layout for the --baseline scratch run
/// </code>
/// </summary>
public sealed class RunDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string Config => Combine("config.json");
    public string Metrics => Combine("metrics.csv");
    public string Checkpoints => Combine("checkpoints");
    public string LastCheckpoint => System.IO.Path.Combine(Checkpoints, "last.ckpt");
    public string BestCheckpoint => System.IO.Path.Combine(Checkpoints, "best.ckpt");
    public string Model => Combine("model.safetensors");
    public string ModelCard => Combine("model_card.json");
    public string Baseline => Combine("baseline-scratch");

    public void Create()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(Checkpoints);
    }

    /// <summary>
    /// Deletes what killed writers left (AtomicFile temporaries such as .last.ckpt.tmp-*, 84 MB for DenseNet-121 with
    /// its optimizer) in this run and its baseline. Call it with the run's output lock held, before the run writes.
    /// </summary>
    public void RemoveTemporaries()
    {
        foreach (string dir in new[] { Path, Checkpoints, Baseline, new RunDirectory(Baseline).Checkpoints })
            AtomicFile.RemoveTemporaries(dir);
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
