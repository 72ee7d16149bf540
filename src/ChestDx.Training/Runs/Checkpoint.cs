using System.IO.Compression;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Training.Model;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Runs;

/// <summary>
/// A training checkpoint: one zip file written atomically (temporary file, then rename), so a crash mid-write leaves
/// the previous checkpoint intact. Entries:
/// <list type="bullet">
/// <item><c>config.json</c>: the run's TrainConfig (architecture and recipe to rebuild the run).</item>
/// <item><c>state.json</c>: epoch, learning rates, plateau and early-stopping state, per-epoch history.</item>
/// <item><c>model.safetensors</c>: every parameter and buffer, torchvision names.</item>
/// <item><c>optimizer.bin</c>: Adam moments and step counts (TorchSharp's optimizer state format).</item>
/// <item><c>dropout_rng.bin</c>: the dropout generator's state, when dropout has drawn.</item>
/// </list>
/// Data order and augmentation need no state: they are functions of (seed, epoch, position).
/// </summary>
public static class Checkpoint
{
    private const string ConfigEntry = "config.json";
    private const string StateEntry = "state.json";
    private const string ModelEntry = "model.safetensors";
    private const string OptimizerEntry = "optimizer.bin";
    private const string DropoutEntry = "dropout_rng.bin";

    /// <param name="optimizer">Null for best.ckpt, which only has to restore the model.</param>
    public static void Save(string path, TrainConfig config, TrainerState state, DenseNet model,
        torch.optim.Optimizer? optimizer)
    {
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(zip, ConfigEntry, s => s.Write(System.Text.Encoding.UTF8.GetBytes(TrainConfigLoader.ToJson(config))));
            Add(zip, StateEntry, s => JsonSerializer.Serialize(s, state, TrainConfigLoader.Json));
            Add(zip, ModelEntry, s => SafeTensors.Write(s, ModuleState.Ordered(model)));
            if (optimizer is not null)
                Add(zip, OptimizerEntry, s =>
                {
                    using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                    ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
                });
            using Tensor? rng = model.Dropout.GetState();
            if (rng is not null) Add(zip, DropoutEntry, s => s.Write(rng.bytes));
        });
    }

    /// <summary>Reads the config and state (cheap: the tensors stay in the file).</summary>
    public static (TrainConfig Config, TrainerState State) ReadHeader(string path)
    {
        using ZipArchive zip = Open(path);
        return (ReadConfig(zip, path), ReadState(zip, path));
    }

    /// <summary>Loads weights (and, when given, optimizer state)
    /// into an existing model built from the same config.</summary>
    public static void Restore(string path, DenseNet model, torch.optim.Optimizer? optimizer)
    {
        using ZipArchive zip = Open(path);
        using (var weights = SafeTensors.Read(Entry(zip, ModelEntry, path), path + "!" + ModelEntry))
            ModelWeights.Load(model, weights, path);
        if (optimizer is not null)
        {
            using var reader = new BinaryReader(Entry(zip, OptimizerEntry, path));
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
        }
        if (zip.GetEntry(DropoutEntry) is not null)
        {
            MemoryStream bytes = Entry(zip, DropoutEntry, path);
            using Tensor state = torch.empty(bytes.Length, ScalarType.Byte);
            bytes.ToArray().CopyTo(state.bytes);
            model.Dropout.SetState(state);
        }
    }

    private static ZipArchive Open(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "checkpoint not found");
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw ChestDxException.ForFile(path, $"not a ChestDx checkpoint ({e.Message})", e);
        }
    }

    private static TrainConfig ReadConfig(ZipArchive zip, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainConfig>(Entry(zip, ConfigEntry, path), TrainConfigLoader.Json)
                   ?? throw ChestDxException.ForFile(path, "empty config");
        }
        catch (JsonException e)
        {
            throw ChestDxException.ForFile(path, $"{ConfigEntry}: {e.Message}", e);
        }
    }

    private static TrainerState ReadState(ZipArchive zip, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(Entry(zip, StateEntry, path), TrainConfigLoader.Json)
                   ?? throw ChestDxException.ForFile(path, "empty state");
        }
        catch (JsonException e)
        {
            throw ChestDxException.ForFile(path, $"{StateEntry}: {e.Message}", e);
        }
    }

    private static void Add(ZipArchive zip, string name, Action<Stream> write)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        write(s);
    }

    private static MemoryStream Entry(ZipArchive zip, string name, string path)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw ChestDxException.ForFile(path, $"checkpoint has no {name}");
        var copy = new MemoryStream((int)entry.Length);
        using (Stream s = entry.Open()) s.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}

/// <summary>Where a run stands after an epoch; everything besides tensors that --resume needs.</summary>
public sealed record TrainerState
{
    /// <summary>Completed epochs.</summary>
    public int Epoch { get; init; }

    /// <summary>Current learning rate of each optimizer group (backbone, head),
    /// after this epoch's plateau step.</summary>
    public IReadOnlyList<double> LearningRates { get; init; } = [];

    public PlateauState Plateau { get; init; } = new(double.PositiveInfinity, 0);
    public EarlyStoppingState EarlyStopping { get; init; } = new(double.PositiveInfinity, 0, 0);
    public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    /// <summary>The pretrained weights the run started from (null: from scratch),
    /// for the model card of a resumed run.</summary>
    public WeightsReport? StartingWeights { get; init; }

    /// <summary>SHA-256 of the pack the run trains on; a resumed run must see the same data.</summary>
    public string PackSha256 { get; init; } = "";

    /// <summary>Why the run ended ("epochs", "early-stopping"), or null while it can continue.</summary>
    public string? Finished { get; init; }
}
