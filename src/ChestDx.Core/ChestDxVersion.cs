using System.Reflection;

namespace ChestDx.Core;

/// <summary>
/// This build's informational version (<c>0.1.0+commit</c> where the build knew its commit), the one every record of
/// "which ChestDx made this" quotes: pack.json, model cards, predictions' provenance, reports, doctor. All projects
/// share the stamp (Directory.Build.props), so Core's is the build's.
/// </summary>
public static class ChestDxVersion
{
    public static string Informational { get; } =
        typeof(ChestDxVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "unknown";
}
