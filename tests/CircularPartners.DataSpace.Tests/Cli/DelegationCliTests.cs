using System.Text.Json;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary><c>cpds delegation add|list|remove</c> against the real host: the operator names who else publishes.</summary>
public sealed class DelegationCliTests : IDisposable
{
    private const string Provider = "2010001000002";
    private const string TextileBrand = "1120001345678";

    private readonly ConnectorHost _host = new();
    private readonly TempDirectory _work = new();

    [Fact]
    public async Task DelegationAddListRemove_AsOperator_AdmitsThenRefusesTheDelegate()
    {
        var (added, addOut, addErr) = await Run(ConnectorHost.DefaultOperator, "--json", "delegation", "add", Provider, "--for", TextileBrand, "--expires", "2027-12-31");
        Assert.True(added == 0, addErr);
        var id = JsonDocument.Parse(addOut).RootElement.GetProperty("delegationId").GetString()!;
        var published = await _host.PassportClient(Provider).PublishAsync(Passports.Request("textile"));

        var (listed, listOut, _) = await Run(ConnectorHost.DefaultOperator, "delegation", "list");
        var (removed, removeOut, _) = await Run(ConnectorHost.DefaultOperator, "delegation", "remove", id);
        var (listedAll, allOut, _) = await Run(ConnectorHost.DefaultOperator, "delegation", "list", "--all");

        Assert.Equal(Provider, published.Owner);
        Assert.Equal((0, 0, 0), (listed, removed, listedAll));
        Assert.Contains(id, listOut, StringComparison.Ordinal);
        Assert.Contains(TextileBrand, listOut, StringComparison.Ordinal);
        Assert.Contains("in force", listOut, StringComparison.Ordinal);
        Assert.Contains($"removed delegation {id}", removeOut, StringComparison.Ordinal);
        Assert.Contains("removed", allOut, StringComparison.Ordinal);
        await RpcAssert.FailsWith(Grpc.Core.StatusCode.PermissionDenied,
            () => _host.PassportClient(Provider).PublishAsync(Passports.Request("textile")).ResponseAsync);
    }

    [Fact]
    public async Task DelegationAdd_ByANonOperator_ExitsFourNamingTheRule()
    {
        var (exit, _, stderr) = await Run(Provider, "delegation", "add", Provider, "--for", TextileBrand);

        Assert.Equal(4, exit);
        Assert.Contains("delegation.operator-only", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> Run(string participant, params string[] args)
    {
        var credential = Path.Combine(_work.Path, participant + ".jwt");
        await File.WriteAllTextAsync(credential, _host.CredentialFor(participant));
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
