namespace ChestDx.Bench.Predict;

/// <summary>What `chestdx bench predict` measures: DenseNet-121 forward passes on the CPU.</summary>
public sealed record PredictBenchSettings
{
    /// <summary>Batch sizes, each measured for every engine. Default 1 (one image at a time) and 16.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 16];

    /// <summary>Input side: 224, CheXNet's input.</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>Untimed forward passes first (allocators, ONNX Runtime's and oneDNN's first-run work).</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Timed forward passes per engine and batch size; the median is reported.</summary>
    public int Repeats { get; init; } = 10;

    /// <summary>Intra-op threads for every engine; 0 = all cores (Environment.ProcessorCount).</summary>
    public int Threads { get; init; }

    /// <summary>Seed of the random weights and inputs.</summary>
    public int Seed { get; init; } = 1;

    public int ResolvedThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}

/// <summary>One engine at one batch size: seconds per forward pass, and peak memory.</summary>
/// <param name="Seconds">Wall-clock seconds of each timed forward pass.</param>
/// <param name="CpuSeconds">Process CPU time (user + system, all threads) of each timed pass: on a CPU shared with
/// other jobs the wall clock mostly measures the others, CPU time still compares the engines' work.</param>
/// <param name="PeakRssBytes">The process's peak resident set while this engine loaded the model and ran (VmHWM
/// after a reset); null where it could not be read.</param>
/// <param name="RssBeforeBytes">Resident set when the measurement started (runtime and libraries already loaded).
/// </param>
public sealed record PredictTimings(string Engine, string Version, int BatchSize, int Threads,
    IReadOnlyList<double> Seconds, IReadOnlyList<double> CpuSeconds, long? PeakRssBytes, long? RssBeforeBytes,
    string? Note = null)
{
    public double Median => Medians.Of(Seconds);

    public double MedianCpu => Medians.Of(CpuSeconds);

    public double ImagesPerSecond => BatchSize / Median;

    public bool Ran => Seconds.Count > 0;
}

/// <summary>Every engine at one batch size; ratios are ONNX Runtime's images/s over each other engine's.</summary>
public sealed record PredictBenchRow(int BatchSize, PredictTimings OnnxRuntime, PredictTimings TorchSharp,
    PredictTimings? PyTorch)
{
    public double OnnxOverTorchSharp => OnnxRuntime.ImagesPerSecond / TorchSharp.ImagesPerSecond;

    public double? OnnxOverPyTorch =>
        PyTorch is { Ran: true } p ? OnnxRuntime.ImagesPerSecond / p.ImagesPerSecond : null;

    /// <summary>TorchSharp's CPU seconds per batch over ONNX Runtime's: above 1, ONNX Runtime does less work.</summary>
    public double CpuOnnxOverTorchSharp => TorchSharp.MedianCpu / OnnxRuntime.MedianCpu;

    public double? CpuOnnxOverPyTorch =>
        PyTorch is { Ran: true } p ? p.MedianCpu / OnnxRuntime.MedianCpu : null;
}
