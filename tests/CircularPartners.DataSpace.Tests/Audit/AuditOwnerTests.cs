using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using StoredStatus = CircularPartners.DataSpace.Domain.Passports.PassportStatus;

namespace CircularPartners.DataSpace.Tests.Audit;

/// <summary>
/// Issue 13, finding 3: every audit record names someone who can list it: the owner of the
/// passports it concerns, else the connector's operator, who lists every record of its connector.
/// </summary>
public sealed class AuditOwnerTests : IDisposable
{
    private const string Operator = "9010001000009";
    private const string Owner = "1010001000001";
    private const string Stranger = "7010001000007";
    private readonly ConnectorNetwork _network = new();
    private readonly ConnectorHost _hub;

    public AuditOwnerTests() =>
        _hub = _network.Add("hub", new() { ["Connector:Operator"] = Operator });

    [Fact]
    public async Task ListAudit_RefusedTokenOnAPassport_ListedByThePassportsOwnerAndTheOperator()
    {
        var passportId = await StoreBatteryOwnedByAsync(Owner);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _hub.PassportClientWithToken(_hub.CredentialFor(Stranger, "venous"), "not-a-token")
            .GetAsync(new GetPassportRequest { PassportId = passportId }).ResponseAsync);

        var owners = await ListAsync(Owner);
        var operators = await ListAsync(Operator);
        var record = Assert.Single(owners, r => r.Reason == "token.invalid");
        Assert.Equal((Owner, Stranger, "denied"), (record.Owner, record.Actor, record.Outcome));
        Assert.Equal([passportId], record.PassportIds);
        Assert.Contains(operators, r => r.Hash == record.Hash);
        Assert.Empty(await ListAsync(Stranger));
    }

    [Fact]
    public async Task ListAudit_RefusalsWithNoKnownOwner_AreTheOperators()
    {
        var negotiation = new ContractNegotiationService.ContractNegotiationServiceClient(_hub.Invoker(_hub.CredentialFor(Stranger, "venous")));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => negotiation.IssueTokenAsync(new TransferRequest { AgreementId = "no-such-agreement" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _hub.PassportClientWithToken(_hub.CredentialFor(Stranger, "venous"), "not-a-token")
            .GetAsync(new GetPassportRequest { PassportId = Passports.IdFor("never published") }).ResponseAsync);

        var operators = await ListAsync(Operator);

        Assert.Contains(operators, r => r.Reason == "agreement.parties-only" && r.Owner == Operator && r.AgreementId == "no-such-agreement");
        Assert.Contains(operators, r => r.Reason == "token.invalid" && r.Owner == Operator && r.PassportIds.Contains(Passports.IdFor("never published")));
        Assert.All(operators, r => Assert.NotEqual("", r.Owner));
        Assert.Empty(await ListAsync(Owner));
    }

    [Fact]
    public async Task ListAudit_DevelopmentProfileWithoutOperator_LocalParticipantIsTheOperator()
    {
        using var standalone = new ConnectorHost { Operator = "" };
        var negotiation = new ContractNegotiationService.ContractNegotiationServiceClient(standalone.Invoker(standalone.CredentialFor(Stranger, "venous")));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => negotiation.IssueTokenAsync(new TransferRequest { AgreementId = "no-such-agreement" }).ResponseAsync);

        var listed = await standalone.SharingClient("local-participant").ListAuditAsync(new ListAuditRequest());

        Assert.Contains(listed.Records, r => r.Reason == "agreement.parties-only" && r.Owner == "local-participant");
    }

    private async Task<IReadOnlyList<AuditRecord>> ListAsync(string participant) =>
        (await _hub.SharingClient(participant).ListAuditAsync(new ListAuditRequest())).Records;

    /// <summary>Straight into the store: who may publish on a connector is not this test's subject.</summary>
    private async Task<string> StoreBatteryOwnedByAsync(string owner)
    {
        var id = Passports.IdFor("audit owner battery");
        await _hub.Services.GetRequiredService<IPassportStore>().AppendAsync(new NewPassportVersion(id, owner, "battery/1.0", "hash",
            _hub.Clock.GetUtcNow(), StoredStatus.Active, "{}", null, PassportFacets.Empty), 0, CancellationToken.None);
        return id;
    }

    public void Dispose() => _network.Dispose();
}
