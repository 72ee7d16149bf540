namespace ChestDx.Core.Classes;

/// <summary>One class present on both sides of a <see cref="ClassMatch"/>, by index on each side.</summary>
public readonly record struct MatchedClass(int Left, int Right, string LeftName, string RightName);

/// <summary>
/// How two class sets meet: the classes that are the same finding on both sides (<see cref="Findings"/>), in the left
/// set's order, and those on one side only. Evaluation scores the matched classes and lists the rest; fine-tuning keeps
/// the heads of matched classes.
/// </summary>
public sealed class ClassMatch
{
    private ClassMatch(IReadOnlyList<MatchedClass> matched, IReadOnlyList<string> leftOnly,
        IReadOnlyList<string> rightOnly)
    {
        Matched = matched;
        LeftOnly = leftOnly;
        RightOnly = rightOnly;
    }

    public IReadOnlyList<MatchedClass> Matched { get; }
    public IReadOnlyList<string> LeftOnly { get; }
    public IReadOnlyList<string> RightOnly { get; }

    public static ClassMatch Between(ClassSet left, ClassSet right)
    {
        var matched = new List<MatchedClass>();
        var rightUsed = new bool[right.Count];
        var leftOnly = new List<string>();
        for (int l = 0; l < left.Count; l++)
        {
            int r = right.Find(left[l]);
            if (r < 0) { leftOnly.Add(left[l]); continue; }
            rightUsed[r] = true;
            matched.Add(new MatchedClass(l, r, left[l], right[r]));
        }
        var rightOnly = right.Names.Where((_, r) => !rightUsed[r]).ToList();
        return new ClassMatch(matched, leftOnly, rightOnly);
    }
}
