using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using ChestDx.Training.Native;

namespace ChestDx.Cli.Tests;

/// <summary>
/// Tests may run a convolution through TorchSharp before any ChestDx.Training type is touched; the guard has to be in
/// place before oneDNN's first primitive (see OneDnnIsaGuard), so this test assembly's loading applies it.
/// </summary>
internal static class OneDnnIsaSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "runs before any test can reach oneDNN")]
    internal static void Apply() => _ = OneDnnIsaGuard.Applied;
}
