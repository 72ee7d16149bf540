
namespace ChestDx.Cli.Tests.Ingest;

public class AuditCommandTests : IDisposable
{
    private static readonly string Images = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "images");
    private static readonly string Labels =
        Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "Data_Entry_sample.csv");
    private readonly string _dir =
        Path.Combine(Path.GetTempPath(), "chestdx-cli-audit-" + Guid.NewGuid().ToString("N")[..10]);

    public AuditCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args, 160);

    [Fact]
    public void Audit_of_two_packs_prints_shift_sizes_and_writes_markdown_and_html()
    {
        string a = Path.Combine(_dir, "nih"), b = Path.Combine(_dir, "crop512");
        Assert.Equal(0, Run("ingest", "--source", Images, "--labels", Labels, "--out", a, "--no-pseudonym").Code);
        Assert.Equal(0, Run("ingest", "--source", Images, "--labels", Labels, "--out", b, "--no-pseudonym",
            "--size", "512", "--aspect", "crop").Code);
        (int code, string output, string error) = Run("audit", a, b, "--out", Path.Combine(_dir, "report"));
        Assert.True(code == 0, error);
        Assert.Contains("PSI", output);
        Assert.Contains("KS D", output);
        Assert.Contains("report: ", output);
        Assert.True(File.Exists(Path.Combine(_dir, "report", "audit.md")));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(_dir, "report", "audit.html")));
    }

    [Fact]
    public void Audit_of_a_missing_pack_is_a_one_line_error()
    {
        (int code, _, string error) = Run("audit", Path.Combine(_dir, "nope"), "--out", Path.Combine(_dir, "r"));
        Assert.Equal(1, code);
        Assert.Contains("not a dataset pack: pack.json is missing", error);
    }
}
