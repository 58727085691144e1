using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>`cpds member import`, `cpds goal ...` and `cpds analytics ...` against the real host, with the sample CSVs of docs/goals.md.</summary>
public sealed class GoalsCliTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "tests", "corpora", "goals");
    private readonly ConnectorHost _host = new();
    private readonly TempDirectory _work = new();

    [Fact]
    public async Task ImportThenGoalsAndAnalytics_SampleFiles_EndToEnd()
    {
        var secretariat = Credential("9000001000009", "secretariat");
        string[] import = ["member", "import", "--members", Path.Combine(Samples, "members.sample.csv"), "--goals", Path.Combine(Samples, "goals.sample.csv")];

        var (firstExit, first, _) = await Run(secretariat, import);
        var (againExit, again, _) = await Run(secretariat, import);
        var member = Credential("7010001000008", "venous");
        var (_, added, _) = await Run(member, "goal", "add", "--title", "建材のリユース率", "--category", "repair-reuse-rate", "--unit", "%",
            "--baseline-year", "2024", "--baseline", "10", "--target-year", "2030", "--target", "30");
        var goalId = added.Split(' ')[1];
        var (_, reported, _) = await Run(member, "goal", "report", goalId, "--period", "2025", "--value", "15");
        var (_, listed, _) = await Run(member, "goal", "list");
        var csvFile = Path.Combine(_work.Path, "rates.csv");
        var (csvExit, _, _) = await Run(secretariat, "analytics", "submission-rates", "--csv", "--as-of", "2026-11-30", "-o", csvFile);
        var (_, byIndicator, _) = await Run(secretariat, "analytics", "goals-by-indicator", "--as-of", "2026-11-30");
        var (deniedExit, _, denied) = await Run(member, "analytics", "progress");

        Assert.Equal((0, 0), (firstExit, againExit));
        Assert.Contains("members (members.sample.csv): 8 rows, 8 created, 0 updated, 0 unchanged, 0 refused", first, StringComparison.Ordinal);
        Assert.Contains("goals (goals.sample.csv): 8 rows, 8 created, 0 updated, 0 unchanged, 0 refused", first, StringComparison.Ordinal);
        Assert.Contains("8 rows, 0 created, 0 updated, 8 unchanged, 0 refused", again, StringComparison.Ordinal);
        Assert.Contains("progress 25% (2025)", reported, StringComparison.Ordinal);
        Assert.Contains("建材のリユース率", listed, StringComparison.Ordinal);
        Assert.Equal(0, csvExit);
        var bytes = await File.ReadAllBytesAsync(csvFile);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("化学工業,1,1,100.0", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("最終処分量", byIndicator, StringComparison.Ordinal);
        Assert.Equal(4, deniedExit);
        Assert.Contains("membership.secretariat-only", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberImport_RefusedRows_ListedWithLineAndExitOne()
    {
        var file = Path.Combine(_work.Path, "bad.csv");
        await File.WriteAllTextAsync(file, "participant_id,name,industry,kind,roles,joined_on\n7300000000001,宇宙開発株式会社,宇宙産業,company,arterial,2025-01-01\n");

        var (exit, stdout, _) = await Run(Credential("9000001000009", "secretariat"), "member", "import", "--members", file);

        Assert.Equal(1, exit);
        Assert.Contains("line 2 (7300000000001) industry: '宇宙産業' is not one of the 32 industry classes", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberImport_ShiftJisFileFromExcel_ReadAsJapanese()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var file = Path.Combine(_work.Path, "sjis.csv");
        await File.WriteAllBytesAsync(file, System.Text.Encoding.GetEncoding(932).GetBytes("会員ID,名称,業種,種別,役割,入会日\r\n7300000000002,鉄鋼北海道株式会社,鉄鋼業,company,動脈,2025/01/01\r\n"));

        var (exit, stdout, _) = await Run(Credential("9000001000009", "secretariat"), "member", "import", "--members", file);
        var (_, shown, _) = await Run(Credential("9000001000009", "secretariat"), "--json", "member", "get", "7300000000002");

        Assert.Equal(0, exit);
        Assert.Contains("1 created", stdout, StringComparison.Ordinal);
        using var participant = System.Text.Json.JsonDocument.Parse(shown);
        Assert.Equal("鉄鋼北海道株式会社", participant.RootElement.GetProperty("name").GetString());
        Assert.Equal("iron-steel", participant.RootElement.GetProperty("industry").GetString());
    }

    private string Credential(string participant, string role)
    {
        var path = Path.Combine(_work.Path, participant + ".jwt");
        File.WriteAllText(path, _host.CredentialFor(participant, role));
        return path;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> Run(string credential, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = _host.Channel();
        var exit = await CliApp.RunAsync([.. args, "--credential", credential], stdout, stderr, _ => channel);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _host.Dispose();
        _work.Dispose();
    }
}
