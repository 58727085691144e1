using System.Security.Cryptography;
using System.Text.Json;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>
/// What a new user meets first: <c>cpds status</c>, JSON shaped as REST answers (numbers as numbers,
/// one document per command), history with its events, membership commands, signed event write-back,
/// and errors that name the connector address tried.
/// </summary>
public sealed class NewcomerCliTests : IClassFixture<ConnectorHostFixture>, IDisposable
{
    private const string Owner = "1010001000001"; // the test host's operator: only it publishes there
    private readonly ConnectorHost _host;
    private readonly TempDirectory _work = new();
    private readonly string _credential;

    public NewcomerCliTests(ConnectorHostFixture fixture)
    {
        _host = fixture.Host;
        _credential = Path.Combine(_work.Path, "credential.jwt");
        File.WriteAllText(_credential, _host.CredentialFor(Owner, "arterial", "secretariat"));
    }

    [Fact]
    public async Task Status_ReachableConnector_ShowsAddressParticipantAndRoles()
    {
        var (exit, stdout, _) = await Run("status");

        Assert.Equal(0, exit);
        Assert.Contains("http://127.0.0.1:5080/", stdout, StringComparison.Ordinal);
        Assert.Contains(Owner, stdout, StringComparison.Ordinal);
        Assert.Contains("arterial, secretariat", stdout, StringComparison.Ordinal);
        Assert.Contains("(ready)", stdout, StringComparison.Ordinal);
        Assert.Contains($"operator:     {ConnectorHost.DefaultOperator}", stdout, StringComparison.Ordinal);
        Assert.Contains($"store:        file ({Path.GetFullPath(_host.DataDirectory)})", stdout, StringComparison.Ordinal);
        Assert.Contains("backup:       off", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_IsOneDocument()
    {
        var (exit, stdout, _) = await Run("--json", "status");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(Owner, document.RootElement.GetProperty("participantId").GetString());
        Assert.True(document.RootElement.GetProperty("credentialAccepted").GetBoolean());
        Assert.Equal(ConnectorHost.DefaultOperator, document.RootElement.GetProperty("operator").GetString());
    }

    [Fact]
    public async Task Status_UnreachableConnector_NamesTheAddressAndExitsFive()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["status", "--connector", "http://127.0.0.1:9", "--credential", _credential, "--timeout", "5"], stdout, stderr);

        Assert.Equal(5, exit);
        Assert.Contains("http://127.0.0.1:9", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Json_IsOneDocumentWithNumbersAsNumbers()
    {
        await _host.PassportClient(Owner).PublishAsync(Passports.Request("textile"));
        await _host.PassportClient(Owner).PublishAsync(Passports.Request("textile"));

        var (exit, stdout, _) = await Run("--json", "passport", "query", "--owner", Owner, "--all");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(stdout);
        var passports = document.RootElement.GetProperty("passports");
        Assert.True(passports.GetArrayLength() >= 2);
        Assert.Equal(JsonValueKind.Number, passports[0].GetProperty("version").ValueKind);
    }

    [Fact]
    public async Task History_WithEvents_ShowsThemWithoutJson()
    {
        var passport = Passports.Request("battery");
        await _host.PassportClient(Owner).PublishAsync(passport);
        var eventFile = Path.Combine(_work.Path, "event.json");
        File.WriteAllText(eventFile, """{"type": "repaired", "occurredAt": "2026-11-28T10:00:00+09:00"}""");
        var keyFile = Path.Combine(_work.Path, "signing.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(keyFile, key.ExportECPrivateKeyPem());
        }
        var (joined, _, joinError) = await Run("member", "join", Owner, "--name", "Owner K.K.", "--role", "arterial", "--address", "http://127.0.0.1:5080");
        var (registered, _, keyError) = await Run("member", "keys", "add", Owner, "--key", keyFile);

        var (appended, _, appendError) = await Run("event", "append", passport.PassportId, "--event", eventFile, "--key", keyFile);
        var (exit, stdout, _) = await Run("passport", "history", passport.PassportId);

        Assert.True(joined == 0, joinError);
        Assert.True(registered == 0, keyError);
        Assert.True(appended == 0, appendError);
        Assert.Equal(0, exit);
        Assert.Contains("repaired", stdout, StringComparison.Ordinal);
        Assert.Contains("1 event(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberCredentialIssue_JoinedParticipant_PrintsAJwt()
    {
        const string participant = "1010001000088";
        await Run("member", "join", participant, "--name", "Recycler K.K.", "--role", "venous", "--address", "http://127.0.0.1:5090");

        var (exit, stdout, stderr) = await Run("member", "credential", "issue", participant);

        Assert.True(exit == 0, stderr);
        Assert.Equal(3, stdout.Trim().Split('.').Length);
        Assert.Contains("credential ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryChangesAndProposals_SeededRegistry_AreListed()
    {
        var (changes, changesOut, changesError) = await Run("--json", "registry", "changes", "--limit", "5");
        var (proposals, _, proposalsError) = await Run("registry", "proposals");

        Assert.True(changes == 0, changesError);
        Assert.True(proposals == 0, proposalsError);
        using var document = JsonDocument.Parse(changesOut);
        Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("changes")[0].GetProperty("sequence").ValueKind);
    }

    [Fact]
    public async Task AnyCommand_RefusedCredential_NamesTheConnector()
    {
        File.WriteAllText(_credential, "not-a-jwt");

        var (exit, _, stderr) = await Run("passport", "query");

        Assert.Equal(4, exit);
        Assert.Contains("http://127.0.0.1:5080/", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = _host.Channel();
        var exit = await CliApp.RunAsync([.. args, "--credential", _credential], stdout, stderr, _ => channel);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _work.Dispose();
}
