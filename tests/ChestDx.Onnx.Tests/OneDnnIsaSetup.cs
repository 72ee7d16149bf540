using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using ChestDx.Training.Native;

namespace ChestDx.Onnx.Tests;

/// <summary>
/// The TorchSharp comparisons run a convolution before any other ChestDx.Training type is touched; the guard has to be
/// in place before oneDNN's first primitive (see OneDnnIsaGuard), so this test assembly's loading applies it.
/// </summary>
internal static class OneDnnIsaSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "runs before any test can reach oneDNN")]
    internal static void Apply() => _ = OneDnnIsaGuard.Applied;
}
