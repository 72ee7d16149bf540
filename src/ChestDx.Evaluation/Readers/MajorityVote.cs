using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Readers;

/// <summary>
/// Majority of yes/no calls per image over the voters who gave one (blank calls do not vote). More yes than no → 1,
/// fewer → 0, an even split → the tie rule (counted), no votes → unknown.
/// </summary>
public static class MajorityVote
{
    public static sbyte[] Of(IReadOnlyList<sbyte[]> voters, MajorityTie ties, out int tieCount)
    {
        int n = voters.Count == 0 ? 0 : voters[0].Length;
        var result = new sbyte[n];
        tieCount = 0;
        for (int i = 0; i < n; i++)
        {
            int yes = 0, no = 0;
            foreach (sbyte[] v in voters)
            {
                if (v[i] == 1) yes++;
                else if (v[i] == 0) no++;
            }
            if (yes + no == 0) result[i] = ReferenceLabels.Unknown;
            else if (yes != no) result[i] = yes > no ? (sbyte)1 : (sbyte)0;
            else
            {
                tieCount++;
                result[i] = ties == MajorityTie.Positive ? (sbyte)1 : (sbyte)0;
            }
        }
        return result;
    }
}
