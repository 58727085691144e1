using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

public sealed class QueryTests : IDisposable
{
    private const string Lead = "7439-92-1";
    private readonly TempDirectory _data = new();
    private readonly ConnectorHost _host;
    private readonly PassportService.PassportServiceClient _maker;

    public QueryTests()
    {
        _host = new ConnectorHost(_data.Path);
        _maker = _host.PassportClient("1010001000001");
        foreach (var useCase in Passports.UseCases)
        {
            _maker.Publish(Passports.Request(useCase, id: Passports.IdFor(useCase)));
        }
        _host.Delegate("2010001000002");
        _host.PassportClient("2010001000002").Publish(Passports.Request("textile", id: Passports.IdFor("textile-other")));
    }

    [Fact]
    public async Task Query_ByCas_FindsEveryUseCaseContainingIt()
    {
        var found = await Ids(new QueryRequest { Cas = { Lead } });
        Assert.Equal([Passports.IdFor("cmp"), Passports.IdFor("construction"), Passports.IdFor("office-equipment")], found);
    }

    [Fact]
    public async Task Query_ByMaterial_IsCaseInsensitive()
    {
        Assert.Equal([Passports.IdFor("textile"), Passports.IdFor("textile-other")], await Ids(new QueryRequest { Material = { "Cotton" } }));
    }

    [Fact]
    public async Task Query_ByParentCategory_IncludesSubcategories()
    {
        var found = await Ids(new QueryRequest { Category = "electrical-and-electronic-equipment" });
        Assert.Equal([Passports.IdFor("cmp"), Passports.IdFor("office-equipment")], found);
    }

    [Fact]
    public async Task Query_CombinedFilters_MustAllMatch()
    {
        Assert.Equal([Passports.IdFor("office-equipment")], await Ids(new QueryRequest { Cas = { Lead }, Material = { "steel" }, UseCase = "office-equipment" }));
        Assert.Equal([Passports.IdFor("construction")], await Ids(new QueryRequest { Cas = { Lead }, RecycledContentMin = 10, RecycledContentMax = 15 }));
        Assert.Equal([Passports.IdFor("textile-other")], await Ids(new QueryRequest { Owner = "2010001000002" }));
        Assert.Empty(await Ids(new QueryRequest { Cas = { Lead, "0000-00-0" } }));
    }

    [Fact]
    public async Task Query_ByStatus_SeparatesWithdrawnPassports()
    {
        await _maker.WithdrawAsync(new WithdrawRequest { PassportId = Passports.IdFor("battery"), Reason = "recalled" });

        Assert.DoesNotContain(Passports.IdFor("battery"), await Ids(new QueryRequest()));
        Assert.Equal([Passports.IdFor("battery")], await Ids(new QueryRequest { Status = PassportStatus.Withdrawn }));
    }

    [Fact]
    public async Task Query_Paging_IsStableWhilePublishingContinues()
    {
        var first = await _maker.QueryAsync(new QueryRequest { PageSize = 4 });
        _maker.Publish(Passports.Request("cmp", id: Passports.IdFor("late-arrival")));
        var second = await _maker.QueryAsync(new QueryRequest { PageSize = 4, PageToken = first.NextPageToken });

        var all = first.Passports.Concat(second.Passports).Select(p => p.PassportId).ToList();
        Assert.Equal(all.Distinct().Count(), all.Count);
        Assert.Equal(7, all.Count);
        Assert.Equal(Passports.IdFor("late-arrival"), all[^1]);
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task Query_PageTokenFromOtherFilters_IsInvalidArgument()
    {
        var first = await _maker.QueryAsync(new QueryRequest { PageSize = 1 });
        await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => _maker.QueryAsync(new QueryRequest { PageSize = 1, Cas = { Lead }, PageToken = first.NextPageToken }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => _maker.QueryAsync(new QueryRequest { PageToken = "garbage!" }).ResponseAsync);
    }

    [Fact]
    public async Task Query_IncludeJson_ReturnsBodies()
    {
        var page = await _maker.QueryAsync(new QueryRequest { Material = { "graphite" }, IncludeJson = true });
        Assert.Contains("graphite", Assert.Single(page.Passports).Json, StringComparison.Ordinal);
        var slim = await _maker.QueryAsync(new QueryRequest { Material = { "graphite" } });
        Assert.Empty(Assert.Single(slim.Passports).Json);
    }

    [Fact]
    public async Task Query_AfterRestart_IndexIsRebuiltFromTheStore()
    {
        _host.Dispose(); // release the log before the restarted host opens it
        using var restarted = new ConnectorHost(_data.Path);
        var client = restarted.PassportClient("9010001000009");
        var found = (await client.QueryAsync(new QueryRequest { Cas = { Lead } })).Passports.Select(p => p.PassportId);
        Assert.Equal([Passports.IdFor("cmp"), Passports.IdFor("construction"), Passports.IdFor("office-equipment")], found);
    }

    [Fact]
    public async Task Query_CasOnlyInALegitimateInterestField_IsNoOracleForAMemberWithoutAgreement()
    {
        // Issue 13 finding 1: graphite (7782-42-5) sits only in the battery section's
        // legitimate-interest materialComposition; two battery passports hold it.
        _maker.Publish(Passports.Request("battery", id: Passports.IdFor("battery-2")));
        var member = _host.PassportClient("2010001000002");

        var page = await member.QueryAsync(new QueryRequest { Cas = { "7782-42-5" }, PageSize = 1 });

        Assert.Empty(page.Passports);
        Assert.Empty(page.NextPageToken);
        Assert.Equal([Passports.IdFor("battery"), Passports.IdFor("battery-2")], await Ids(new QueryRequest { Cas = { "7782-42-5" } }));
    }

    [Fact]
    public async Task Query_ValueInAKeptUnknownSection_IsFoundByNoOneAndReadByTheOwnerOnly()
    {
        var request = Passports.Request("battery", id: Passports.IdFor("battery-notes"),
            edit: body => body["internalNotes"] = new System.Text.Json.Nodes.JsonObject { ["casNumber"] = "7440-66-6" });
        request.KeepUnknownSections = true;
        _maker.Publish(request);
        var member = _host.PassportClient("2010001000002");

        var page = await member.QueryAsync(new QueryRequest { Cas = { "7440-66-6" }, PageSize = 1 });

        Assert.Empty(page.Passports);
        Assert.Empty(page.NextPageToken);
        Assert.Empty(await Ids(new QueryRequest { Cas = { "7440-66-6" } }));
        Assert.Contains("internalNotes", (await _maker.GetAsync(new GetPassportRequest { PassportId = request.PassportId })).Json, StringComparison.Ordinal);
        Assert.DoesNotContain("internalNotes", (await member.GetAsync(new GetPassportRequest { PassportId = request.PassportId })).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_UnknownSectionNotAskedToKeep_IsRefusedNamingIt()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _maker.PublishAsync(Passports.Request("battery",
            edit: body => body["internalNotes"] = new System.Text.Json.Nodes.JsonObject { ["casNumber"] = "7440-66-6" })).ResponseAsync);

        Assert.Equal("/internalNotes", Assert.Single(RpcAssert.Violations(ex)).Field);
    }

    [Fact]
    public async Task Query_PageToken_NamesOnlyTheLastPassportShownAndServesOnlyItsCaller()
    {
        var member = _host.PassportClient("2010001000002");
        var first = await member.QueryAsync(new QueryRequest { PageSize = 1 });
        var shown = Assert.Single(first.Passports).PassportId;
        var decoded = Convert.FromBase64String(first.NextPageToken.Replace('-', '+').Replace('_', '/').PadRight((first.NextPageToken.Length + 3) / 4 * 4, '='));
        Assert.Contains(shown, System.Text.Encoding.UTF8.GetString(decoded), StringComparison.Ordinal);

        var foreign = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => _maker.QueryAsync(new QueryRequest { PageSize = 1, PageToken = first.NextPageToken }).ResponseAsync);
        var garbage = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => _maker.QueryAsync(new QueryRequest { PageSize = 1, PageToken = "garbage!" }).ResponseAsync);
        Assert.Equal("The page token is invalid or was issued for different filters.", foreign.Status.Detail);
        Assert.Equal(foreign.Status.Detail, garbage.Status.Detail);
        var second = await member.QueryAsync(new QueryRequest { PageSize = 1, PageToken = first.NextPageToken });
        Assert.NotEqual(shown, Assert.Single(second.Passports).PassportId);
    }

    private async Task<List<string>> Ids(QueryRequest request) =>
        [.. (await _maker.QueryAsync(request)).Passports.Select(p => p.PassportId)];

    public void Dispose()
    {
        _host.Dispose();
        _data.Dispose();
    }
}
