namespace ChestDx.Bench;

/// <summary>A median in milliseconds, or why there is none ("dcmtk not installed", a tool's error).</summary>
public readonly record struct MedianMs(double? Ms, string? Problem);
