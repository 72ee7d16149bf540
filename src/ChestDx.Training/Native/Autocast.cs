namespace ChestDx.Training.Native;

/// <summary>
/// Mixed precision for TorchSharp, which has no autocast (TorchSharp issue #899): libtorch's own autocast state is
/// switched through its exported C++ functions, exactly what <c>torch.autocast(device, dtype)</c>'s __enter__/__exit__
/// do in Python (torch/amp/autocast_mode.py). Inside a scope, matmul/conv run in bf16 while parameters, gradients and
/// the loss stay fp32. The state is per OS thread: open the scope on the thread that runs the forward pass.
/// </summary>
public static unsafe class Autocast
{
    // c10::DeviceType and c10::ScalarType are int8_t enums.
    public const sbyte DeviceCpu = 0;
    public const sbyte DeviceCuda = 1;
    public const sbyte BFloat16 = 15;

    private static readonly string[] SymbolNames =
    [
        "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb",
        "_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE",
        "_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE",
        "_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE",
        "_ZN2at8autocast17increment_nestingEv",
        "_ZN2at8autocast17decrement_nestingEv",
        "_ZN2at8autocast11clear_cacheEv",
    ];

    private static readonly Lazy<Functions?> Bound = new(Bind);

    /// <summary>True when every function autocast needs was found in the loaded libtorch.</summary>
    public static bool Available => Bound.Value is not null;

    /// <summary>Which of the needed symbols the loaded libtorch exports (for <c>chestdx doctor</c>).</summary>
    public static IReadOnlyList<(string Symbol, bool Found)> Symbols() =>
        SymbolNames.Select(s => (s, LibTorch.Export(s) != IntPtr.Zero)).ToList();

    /// <summary>
    /// Enables bf16 autocast for <paramref name="deviceType"/> on this thread until disposed; null when the symbols are
    /// missing (the caller then runs in fp32 and says so).
    /// </summary>
    public static IDisposable? Enter(sbyte deviceType, sbyte dtype = BFloat16)
    {
        Functions? f = Bound.Value;
        if (f is null) return null;
        return new Scope(f, deviceType, dtype);
    }

    private sealed class Scope : IDisposable
    {
        private readonly Functions _f;
        private readonly sbyte _device;
        private readonly byte _previousEnabled;
        private readonly sbyte _previousDtype;
        private bool _disposed;

        public Scope(Functions f, sbyte device, sbyte dtype)
        {
            _f = f;
            _device = device;
            _previousEnabled = f.IsEnabled(device);
            _previousDtype = f.GetDtype(device);
            f.SetEnabled(device, 1);
            f.SetDtype(device, dtype);
            f.IncrementNesting();
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            // Leaving the outermost scope drops the cache of bf16 weight copies, as Python's autocast does.
            if (_f.DecrementNesting() == 0) _f.ClearCache();
            _f.SetEnabled(_device, _previousEnabled);
            _f.SetDtype(_device, _previousDtype);
        }
    }

    private sealed class Functions
    {
        public required delegate* unmanaged<sbyte, byte, void> SetEnabled;
        public required delegate* unmanaged<sbyte, byte> IsEnabled;
        public required delegate* unmanaged<sbyte, sbyte, void> SetDtype;
        public required delegate* unmanaged<sbyte, sbyte> GetDtype;
        public required delegate* unmanaged<int> IncrementNesting;
        public required delegate* unmanaged<int> DecrementNesting;
        public required delegate* unmanaged<void> ClearCache;
    }

    private static Functions? Bind()
    {
        IntPtr[] p = SymbolNames.Select(LibTorch.Export).ToArray();
        if (p.Any(x => x == IntPtr.Zero)) return null;
        return new Functions
        {
            SetEnabled = (delegate* unmanaged<sbyte, byte, void>)p[0],
            IsEnabled = (delegate* unmanaged<sbyte, byte>)p[1],
            SetDtype = (delegate* unmanaged<sbyte, sbyte, void>)p[2],
            GetDtype = (delegate* unmanaged<sbyte, sbyte>)p[3],
            IncrementNesting = (delegate* unmanaged<int>)p[4],
            DecrementNesting = (delegate* unmanaged<int>)p[5],
            ClearCache = (delegate* unmanaged<void>)p[6],
        };
    }
}
