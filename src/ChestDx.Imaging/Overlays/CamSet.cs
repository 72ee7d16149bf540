namespace ChestDx.Imaging.Overlays;

/// <summary>
/// One prediction run's class activation maps: which findings get one (<see cref="Top"/>), their file names
/// (<see cref="CamFileNames"/>), the overlays (<see cref="HeatmapOverlay"/>) and, at the end, the index page
/// (<see cref="CamIndexPage"/>). Both engines write through it, so they name and draw the same files.
/// </summary>
public sealed class CamSet(string directory, IReadOnlyList<string> classes, int top)
{
    private readonly CamFileNames _names = new();
    private readonly List<CamImage> _images = [];

    public string Directory => directory;

    /// <summary>Overlay files written so far.</summary>
    public int Files { get; private set; }

    /// <summary>
    /// The classes to draw for one image: the <c>top</c> highest probabilities, ties in class order (a stable sort,
    /// so both engines pick the same classes).
    /// </summary>
    public int[] Top(ReadOnlySpan<float> probabilities)
    {
        float[] p = probabilities.ToArray();
        return Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).Take(Math.Min(top, p.Length)).ToArray();
    }

    /// <summary>
    /// Writes the overlay of class <paramref name="classIndex"/> for an image and records it for the index page.
    /// Call in the order of <see cref="Top"/>.
    /// </summary>
    public void Write(string imageId, int classIndex, double probability, ReadOnlySpan<byte> grey,
        ReadOnlySpan<float> map, int size)
    {
        string name = classes[classIndex];
        string file = _names.Claim(imageId, name);
        HeatmapOverlay.WritePng(Path.Combine(directory, file), grey, map, size, new CamCaption(name, probability));
        if (_images.Count == 0 || _images[^1].ImageId != imageId)
            _images.Add(new CamImage(imageId, new List<CamFinding>()));
        ((List<CamFinding>)_images[^1].Findings).Add(new CamFinding(name, probability, file));
        Files++;
    }

    /// <summary>Writes index.html over every overlay written.</summary>
    public void WriteIndex() => CamIndexPage.Write(directory, _images);
}
