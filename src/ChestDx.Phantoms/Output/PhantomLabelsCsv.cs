using System.Globalization;
using System.Text;
using ChestDx.Core.Classes;

namespace ChestDx.Phantoms.Output;

/// <summary>
/// labels.csv in the generic labels format ingestion reads: <c>image_id,patient_id,view,sex,age,</c> then the 14
/// CheXNet classes in <see cref="ClassSet.ChestXray14"/> order, values 1/0. image_id is the PNG's file name in images/
/// (like NIH's "Image Index"). Unplanted classes are 0 — see <see cref="Findings.FindingCatalog"/>.
/// </summary>
public static class PhantomLabelsCsv
{
    public const string FileName = "labels.csv";

    public static string Header { get; } =
        "image_id,patient_id,view,sex,age," + string.Join(",", ClassSet.ChestXray14.Names);

    /// <summary>The whole file: the header and <paramref name="rows"/> (from
    /// <see cref="Row"/>), LF line ends.</summary>
    public static string Format(IEnumerable<string> rows)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (string row in rows) text.Append(row).Append('\n');
        return text.ToString();
    }

    /// <summary>One phantom's line, without the newline.</summary>
    public static string Row(PhantomCase p)
    {
        var text = new StringBuilder(80);
        text.Append(p.ImageId).Append(',').Append(p.PatientId).Append(',').Append(p.View).Append(',')
            .Append(p.Sex).Append(',').Append(p.Age.ToString(CultureInfo.InvariantCulture));
        foreach (float label in p.Labels()) text.Append(label == 1 ? ",1" : ",0");
        return text.ToString();
    }
}
