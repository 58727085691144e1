using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// Issue 17 §1–2 through the real host: 2.0 passports name operators anywhere by scheme, check
/// digits are verified, and a body's sections are closed (the issue's own attack: a cmp/1.0
/// passport carrying an invalid officeEquipment section).
/// </summary>
public sealed class Version2PublishTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public Version2PublishTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    private static PublishRequest Version2(string useCase, Action<JsonObject>? edit = null)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", useCase + ".json")))!.AsObject();
        var passportId = "urn:uuid:" + Guid.NewGuid();
        body["passportId"] = passportId;
        edit?.Invoke(body);
        return new PublishRequest { PassportId = passportId, SchemaId = useCase + "/2.0", Json = body.ToJsonString() };
    }

    [Fact]
    public async Task Publish_Version2WithAnLeiOperator_IsStoredAndKeepsItsSchema()
    {
        var request = Version2("battery", body => body["economicOperator"]!["identifier"] = new JsonObject { ["scheme"] = "lei", ["id"] = "5493001KJTIIGC8Y1R12" });

        var stored = await _host.PassportClient().PublishAsync(request);

        Assert.Equal("battery/2.0", stored.SchemaId);
        var publicView = await _host.PassportClient().GetPublicAsync(new GetPublicPassportRequest { PassportId = request.PassportId });
        Assert.Contains("5493001KJTIIGC8Y1R12", publicView.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_GlnGivenAsAJapaneseCorporateNumber_IsRefusedAtTheIdentifier()
    {
        var request = Version2("cmp", body => body["economicOperator"]!["identifier"] = new JsonObject { ["scheme"] = "jp-cn", ["id"] = "4569987400013" });

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _host.PassportClient().PublishAsync(request).ResponseAsync);

        var violation = Assert.Single(RpcAssert.Violations(ex));
        Assert.Equal(("/economicOperator/identifier/id", "check_digit"), (violation.Field, violation.Reason));
    }

    [Fact]
    public async Task Publish_ForeignSectionOutOfRange_IsRefusedAndNothingIsIndexed()
    {
        var request = Passports.Request("cmp", edit: body => body["officeEquipment"] = new JsonObject
        {
            ["equipmentType"] = "copier", ["reuseRatePercent"] = 620, ["substances"] = new JsonArray(new JsonObject { ["substanceName"] = "x", ["casNumber"] = "not-a-cas" }),
        });

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _host.PassportClient().PublishAsync(request).ResponseAsync);

        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == "/officeEquipment/reuseRatePercent");
        var found = await _host.PassportClient().QueryAsync(new QueryRequest { Cas = { "not-a-cas" } });
        Assert.Empty(found.Passports);
    }

    [Fact]
    public async Task Query_ByEcNumber_FindsTheSubstanceLikeItsCasNumber()
    {
        var request = Version2("cmp");
        await _host.PassportClient().PublishAsync(request);

        var byEc = await _host.PassportClient().QueryAsync(new QueryRequest { Cas = { "231-100-4" } });
        var byCas = await _host.PassportClient().QueryAsync(new QueryRequest { Cas = { "7439-92-1" } });

        Assert.Contains(byEc.Passports, p => p.PassportId == request.PassportId);
        Assert.Contains(byCas.Passports, p => p.PassportId == request.PassportId);
    }

    [Fact]
    public async Task Publish_Version10Example_StillPublishesUnchanged()
    {
        var stored = await _host.PassportClient().PublishAsync(Passports.Request("textile"));

        Assert.Equal("textile/1.0", stored.SchemaId);
    }
}
