using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

public sealed class PassportServiceTests : IClassFixture<ConnectorHostFixture>
{
    private const string Manufacturer = "1010001000001";
    private readonly ConnectorHost _host;

    public PassportServiceTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Theory]
    [MemberData(nameof(UseCaseData))]
    public async Task Publish_ValidExample_IsStoredAndReadable(string useCase)
    {
        var client = _host.PassportClient(Manufacturer);
        var request = Passports.Request(useCase);

        var stored = await client.PublishAsync(request);
        var read = await client.GetAsync(new GetPassportRequest { PassportId = request.PassportId });

        Assert.Equal(1, stored.Version);
        Assert.Equal(Manufacturer, stored.Owner);
        Assert.Equal(useCase + "/1.0", read.SchemaId);
        Assert.Equal(stored.ContentHash, read.ContentHash);
        Assert.Equal(64, read.ContentHash.Length);
        Assert.Equal(PassportStatus.Active, read.Status);
        Assert.Contains("\"passportId\"", read.Json, StringComparison.Ordinal);
    }

    public static TheoryData<string> UseCaseData() => [.. Passports.UseCases];

    [Fact]
    public async Task Publish_SameContentReformatted_IsTheCurrentVersionUnchanged()
    {
        var client = _host.PassportClient(Manufacturer);
        var compact = Passports.Request("textile");
        var indented = System.Text.Json.Nodes.JsonNode.Parse(compact.Json)!
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var first = await client.PublishAsync(compact);
        var second = await client.PublishAsync(new PublishRequest(compact) { Json = indented, ExpectedVersion = 1 });

        Assert.NotEqual(compact.Json, indented);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.False(first.Unchanged);
        Assert.True(second.Unchanged);
        Assert.Equal(1, second.Version);
    }

    [Fact]
    public async Task Publish_SchemaViolations_ReturnsEveryViolationWithPointerAndStoresNothing()
    {
        var client = _host.PassportClient(Manufacturer);
        var request = new PublishRequest
        {
            PassportId = "urn:uuid:" + Guid.NewGuid(),
            SchemaId = "cmp/1.0",
            Json = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "invalid", "cmp-many-errors.json")),
        };
        var expected = File.ReadAllLines(Path.Combine(RepositoryPaths.Examples, "invalid", "cmp-many-errors.expected.txt"))
            .Where(line => line.Length > 0).ToList();
        var body = System.Text.Json.Nodes.JsonNode.Parse(request.Json)!;
        request.PassportId = (string?)body["passportId"] ?? request.PassportId;

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => client.PublishAsync(request).ResponseAsync);

        var pointers = RpcAssert.Violations(ex).Select(v => v.Field).ToList();
        Assert.True(expected.Count >= 4);
        Assert.All(expected, pointer => Assert.Contains(pointer, pointers));
        Assert.All(RpcAssert.Violations(ex), v => Assert.False(string.IsNullOrEmpty(v.Reason)));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => client.GetAsync(new GetPassportRequest { PassportId = request.PassportId }).ResponseAsync);
    }

    [Fact]
    public async Task Publish_WrongExpectedVersion_IsAbortedAndKeepsCurrentVersion()
    {
        var client = _host.PassportClient(Manufacturer);
        var request = Passports.Request("battery");
        var changed = Passports.Request("battery", id: request.PassportId, edit: body => body["recycledContentPercent"] = 42);
        await client.PublishAsync(request);
        await client.PublishAsync(new PublishRequest(changed) { ExpectedVersion = 1 });

        // Version 1's content again, expecting version 1: the passport moved on, so it conflicts.
        await RpcAssert.FailsWith(StatusCode.Aborted, () => client.PublishAsync(new PublishRequest(request) { ExpectedVersion = 1 }).ResponseAsync);

        var history = await client.HistoryAsync(new HistoryRequest { PassportId = request.PassportId });
        Assert.Equal([1L, 2L], history.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Publish_ByAnotherParticipant_IsDeniedNamingTheRule()
    {
        var request = Passports.Request("cmp");
        await _host.PassportClient(Manufacturer).PublishAsync(request);
        _host.Delegate("2010001000002"); // a delegate may publish here, but not over the owner's passport

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => _host.PassportClient("2010001000002").PublishAsync(new PublishRequest(request)).ResponseAsync);

        var info = ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("owner-only-changes", info!.Metadata["rule"]);
    }

    [Fact]
    public async Task Withdraw_ByOwner_KeepsHistoryAndMarksLatestWithdrawn()
    {
        var client = _host.PassportClient(Manufacturer);
        var request = Passports.Request("construction");
        await client.PublishAsync(request);

        var withdrawn = await client.WithdrawAsync(new WithdrawRequest { PassportId = request.PassportId, Reason = "building demolished" });
        var history = await client.HistoryAsync(new HistoryRequest { PassportId = request.PassportId });
        var first = await client.GetAsync(new GetPassportRequest { PassportId = request.PassportId, Version = 1 });

        Assert.Equal(PassportStatus.Withdrawn, withdrawn.Status);
        Assert.Equal([PassportStatus.Active, PassportStatus.Withdrawn], history.Versions.Select(v => v.Status));
        Assert.Equal("building demolished", history.Versions[1].WithdrawalReason);
        Assert.Equal(PassportStatus.Active, first.Status);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => client.PublishAsync(new PublishRequest(request)).ResponseAsync);
    }

    [Fact]
    public async Task Withdraw_ByAnotherParticipant_IsDenied()
    {
        var request = Passports.Request("textile");
        await _host.PassportClient(Manufacturer).PublishAsync(request);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => _host.PassportClient("3010001000003").WithdrawAsync(new WithdrawRequest { PassportId = request.PassportId }).ResponseAsync);
    }

    [Fact]
    public async Task Get_UnknownPassport_IsNotFound()
    {
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => _host.PassportClient().GetAsync(new GetPassportRequest { PassportId = "urn:uuid:missing" }).ResponseAsync);
    }

    [Fact]
    public async Task Get_UnknownVersion_IsNotFound()
    {
        var client = _host.PassportClient(Manufacturer);
        var request = Passports.Request("cmp");
        await client.PublishAsync(request);

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => client.GetAsync(new GetPassportRequest { PassportId = request.PassportId, Version = 7 }).ResponseAsync);
    }
}
