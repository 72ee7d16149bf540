using ChestDx.Core.Classes;

namespace ChestDx.Core.Labels;

/// <summary>
/// The 14 ChestX-ray14 classes as a constant, from before class sets were data. Being replaced by
/// <see cref="ClassSet.ChestXray14"/> (the default set) and the class set each pack,
/// model and predictions file carries.
/// </summary>
public static class ChexNetClasses
{
    public static IReadOnlyList<string> Names => ClassSet.ChestXray14.Names;

    public const int Count = 14;

    /// <summary>Index of a class by its NIH token, or -1. Case-sensitive: NIH tokens are.</summary>
    public static int IndexOf(string name) => ClassSet.ChestXray14.IndexOf(name);
}
