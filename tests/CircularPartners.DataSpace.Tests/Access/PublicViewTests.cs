using System.Net;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Rpc;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Access;

/// <summary>The public view: anonymous, active passports only, unrecorded, rate-limited, and switchable.</summary>
public sealed class PublicViewTests
{
    private const string Maker = "1010001000001";

    [Fact]
    public async Task GetPublic_WithdrawnPassport_AnswersAsUnknown()
    {
        using var host = new ConnectorHost();
        var owner = host.PassportClient(Maker);
        var published = await owner.PublishAsync(Passports.Request("battery"));
        await owner.WithdrawAsync(new WithdrawRequest { PassportId = published.PassportId, Reason = "recalled" });

        var anonymous = host.PassportClientWithToken(null);
        var withdrawn = await RpcAssert.FailsWith(StatusCode.NotFound, () => anonymous.GetPublicAsync(new GetPublicPassportRequest { PassportId = published.PassportId }).ResponseAsync);
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound, () => anonymous.GetPublicAsync(new GetPublicPassportRequest { PassportId = "urn:uuid:" + Guid.NewGuid() }).ResponseAsync);
        Assert.Equal(unknown.Status.Detail.Replace(unknown.Status.Detail.Split('\'')[1], "", StringComparison.Ordinal),
            withdrawn.Status.Detail.Replace(published.PassportId, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetPublic_LeavesNoAuditRecord()
    {
        using var host = new ConnectorHost();
        var published = await host.PassportClient(Maker).PublishAsync(Passports.Request("battery"));
        var before = await host.SharingClient(Maker).ListAuditAsync(new ListAuditRequest { Limit = 1000 });

        await host.PassportClientWithToken(null).GetPublicAsync(new GetPublicPassportRequest { PassportId = published.PassportId });

        var after = await host.SharingClient(Maker).ListAuditAsync(new ListAuditRequest { Limit = 1000 });
        Assert.Equal(before.Records.Count, after.Records.Count);
    }

    [Fact]
    public async Task GetPublic_SwitchedOff_IsDeniedNamingTheRule()
    {
        using var host = new ConnectorHost(settings: new() { ["PublicView:Enabled"] = "false" });
        var published = await host.PassportClient(Maker).PublishAsync(Passports.Request("battery"));

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => host.PassportClientWithToken(null).GetPublicAsync(new GetPublicPassportRequest { PassportId = published.PassportId }).ResponseAsync);
        Assert.Equal("public-view.disabled", ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Metadata["rule"]);
    }

    [Fact]
    public async Task GetPublic_BeyondThePerAddressLimit_IsResourceExhausted_OverGrpcAndRest()
    {
        using var host = new ConnectorHost(settings: new() { ["PublicView:PermitsPerMinute"] = "2" });
        var published = await host.PassportClient(Maker).PublishAsync(Passports.Request("battery"));
        var anonymous = host.PassportClientWithToken(null);
        var request = new GetPublicPassportRequest { PassportId = published.PassportId };
        await anonymous.GetPublicAsync(request);
        await anonymous.GetPublicAsync(request);

        var ex = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, () => anonymous.GetPublicAsync(request).ResponseAsync);
        Assert.Contains("Too many requests", ex.Status.Detail, StringComparison.Ordinal);
        using var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync($"/v1/public/passports/{published.PassportId}")).StatusCode);
        // Members' own calls are not limited by the public view's budget.
        await host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = published.PassportId });
    }
}
