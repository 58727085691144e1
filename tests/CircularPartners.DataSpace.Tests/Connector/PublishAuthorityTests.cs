using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// Only the rightful party publishes (issue 13, finding 2): on the maker's connector, only the
/// maker and the participants it delegated to publish, each only for its own or its delegated
/// economic operators. Driven through the real host.
/// </summary>
public sealed class PublishAuthorityTests : IDisposable
{
    private const string Maker = "1010001000001";
    private const string MakerCorporateNumber = "4010001123456"; // the cmp example's economic operator
    private const string MakersGs1Id = "https://id.gs1.org/01/04569987100128/10/L2506A"; // the cmp example's GTIN and batch
    private const string Recycler = "5010001000005";
    private const string Outsider = "6010001000006";
    private const string ServiceProvider = "2010001000002";
    private const string TextileBrand = "1120001345678"; // the textile example's economic operator

    private readonly TempDirectory _data = new();
    private ConnectorHost _host;

    public PublishAuthorityTests() => _host = Start();

    private ConnectorHost Start() => new(_data.Path, new Dictionary<string, string> { ["Publishing:OperatorIdentifiers:0"] = MakerCorporateNumber })
    {
        Operator = Maker,
    };

    [Fact]
    public async Task Publish_VenousMemberWithTheMakersGtinAndCorporateNumber_IsRefusedAndTheMakersPublishThenSucceeds()
    {
        var squatted = Passports.Request("cmp", id: MakersGs1Id);

        await AssertDenied(PublishPolicy.RoleRule, () => _host.PassportClient(Recycler, "venous").PublishAsync(squatted).ResponseAsync);
        await AssertDenied(PublishPolicy.OperatorOrDelegateRule, () => _host.PassportClient(Outsider, "arterial").PublishAsync(squatted).ResponseAsync);
        var published = await _host.PassportClient(Maker).PublishAsync(Passports.Request("cmp", id: MakersGs1Id));

        Assert.Equal(1, published.Version);
        Assert.Equal(Maker, published.Owner);
    }

    [Fact]
    public async Task PublishStream_Outsider_EveryRecordIsRefusedNamingTheRule()
    {
        using var call = _host.PassportClient(Outsider, "arterial").PublishStream();
        await call.RequestStream.WriteAsync(Passports.Request("cmp"));
        await call.RequestStream.WriteAsync(Passports.Request("textile"));
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(2, response.Failed);
        Assert.All(response.Results, r => Assert.Equal((int)StatusCode.PermissionDenied, r.Error.Code));
        Assert.All(response.Results, r => Assert.Contains(PublishPolicy.OperatorOrDelegateRule, r.Error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_OperatorForAForeignEconomicOperator_IsRefused() =>
        await AssertDenied(PublishPolicy.EconomicOperatorRule, () => _host.PassportClient(Maker).PublishAsync(Passports.Request("textile")).ResponseAsync);

    [Fact]
    public async Task Publish_DelegateWithinItsIdentifiers_PublishesAndOutsideThem_IsRefused()
    {
        _host.Delegate(ServiceProvider, TextileBrand);
        var provider = _host.PassportClient(ServiceProvider);

        var published = await provider.PublishAsync(Passports.Request("textile"));
        var own = await provider.PublishAsync(Passports.Request("textile", edit: body => body["economicOperator"]!["corporateNumber"] = ServiceProvider));

        Assert.Equal(ServiceProvider, published.Owner);
        Assert.Equal(ServiceProvider, own.Owner);
        await AssertDenied(PublishPolicy.EconomicOperatorRule, () => provider.PublishAsync(Passports.Request("cmp")).ResponseAsync);
    }

    [Fact]
    public async Task Publish_DelegationExpired_IsRefused()
    {
        await _host.DelegationClient(Maker).AddDelegationAsync(new AddDelegationRequest
        {
            ParticipantId = ServiceProvider,
            EconomicOperators = { TextileBrand },
            ExpiresAt = Timestamp.FromDateTimeOffset(_host.Clock.GetUtcNow().AddDays(30)),
        });
        await _host.PassportClient(ServiceProvider).PublishAsync(Passports.Request("textile"));

        _host.Clock.Advance(TimeSpan.FromDays(30));

        await AssertDenied(PublishPolicy.OperatorOrDelegateRule, () => _host.PassportClient(ServiceProvider).PublishAsync(Passports.Request("textile")).ResponseAsync);
    }

    [Fact]
    public async Task Publish_DelegationRemoved_IsRefusedAndTheRemovalIsListed()
    {
        var delegation = _host.Delegate(ServiceProvider, TextileBrand);
        await _host.PassportClient(ServiceProvider).PublishAsync(Passports.Request("textile"));

        var removed = await _host.DelegationClient(Maker).RemoveDelegationAsync(new RemoveDelegationRequest { DelegationId = delegation.DelegationId });

        Assert.False(removed.InForce);
        await AssertDenied(PublishPolicy.OperatorOrDelegateRule, () => _host.PassportClient(ServiceProvider).PublishAsync(Passports.Request("textile")).ResponseAsync);
        Assert.Empty((await _host.DelegationClient(Maker).ListDelegationsAsync(new ListDelegationsRequest())).Delegations);
        var all = await _host.DelegationClient(Maker).ListDelegationsAsync(new ListDelegationsRequest { IncludeInactive = true });
        Assert.NotNull(Assert.Single(all.Delegations).RemovedAt);
        Assert.Equal(Maker, all.Operator);
    }

    [Fact]
    public async Task AddDelegation_ByANonOperator_IsRefusedNamingTheRule()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _host.DelegationClient(Outsider)
            .AddDelegationAsync(new AddDelegationRequest { ParticipantId = Outsider, EconomicOperators = { MakerCorporateNumber } }).ResponseAsync);
        Assert.Equal(PublishDelegations.OperatorOnlyRule, ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    [Fact]
    public async Task Delegation_AfterRestart_StillAdmitsTheDelegate()
    {
        _host.Delegate(ServiceProvider, TextileBrand);
        _host.Dispose();
        _host = Start();

        var published = await _host.PassportClient(ServiceProvider).PublishAsync(Passports.Request("textile"));

        Assert.Equal(ServiceProvider, published.Owner);
    }

    [Fact]
    public async Task Rest_AddAndListDelegations_RoundTripThroughTranscoding()
    {
        using var http = _host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.CredentialFor(Maker));
        var payload = JsonSerializer.Serialize(new { participantId = ServiceProvider, economicOperators = new[] { TextileBrand } });

        using var added = await http.PostAsync("/v1/delegations", new StringContent(payload, Encoding.UTF8, "application/json"));
        using var listed = await http.GetAsync("/v1/delegations");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using var body = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var delegation = Assert.Single(body.RootElement.GetProperty("delegations").EnumerateArray());
        Assert.Equal(ServiceProvider, delegation.GetProperty("participantId").GetString());
    }

    [Fact]
    public async Task Start_OutsideTheDevelopmentProfileWithoutAnOperator_ExitsOneNamingTheSettingAndHelmValue()
    {
        using var data = new TempDirectory();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var keyPath = Path.Combine(data.Path, "issuer.pem");
        await File.WriteAllTextAsync(keyPath, key.ExportSubjectPublicKeyInfoPem());

        var (exitCode, stderr) = await ConnectorProcess.RunToExitAsync(data.Path,
            "--Identity:Issuer=urn:circularpartners:secretariat", $"--Identity:IssuerPublicKeyPath={keyPath}");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The connector cannot start:", stderr.Trim(), StringComparison.Ordinal);
        Assert.Contains("Connector:Operator", stderr, StringComparison.Ordinal);
        Assert.Contains("connector.operator", stderr, StringComparison.Ordinal);
    }

    private static async Task AssertDenied(string rule, Func<Task> call)
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, call);
        Assert.Equal(rule, ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    public void Dispose()
    {
        _host.Dispose();
        _data.Dispose();
    }
}
