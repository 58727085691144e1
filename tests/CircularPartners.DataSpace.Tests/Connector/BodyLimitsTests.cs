using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>Hostile or broken bodies get a clear status; the connector keeps serving.</summary>
public sealed class BodyLimitsTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public BodyLimitsTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Fact]
    public async Task Publish_OversizedBody_IsInvalidArgumentNamingTheLimit()
    {
        var request = Passports.Request("cmp", edit: body => body["padding"] = new string('x', 5 * 1024 * 1024));
        var ex = await Refused(request, "too_large");
        Assert.Contains("Passports:MaxBodyBytes", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_PathologicalNesting_IsInvalidArgument()
    {
        var deep = new StringBuilder("{\"passportId\":\"urn:uuid:deep\",\"x\":");
        deep.Append(string.Concat(Enumerable.Repeat("[", 100_000))).Append(string.Concat(Enumerable.Repeat("]", 100_000))).Append('}');
        await Refused(new PublishRequest { PassportId = "urn:uuid:deep", SchemaId = "cmp/1.0", Json = deep.ToString() }, "too_deep");
    }

    [Fact]
    public async Task Publish_DuplicateKeys_IsInvalidArgumentWithPointer()
    {
        var request = Passports.Request("cmp");
        request.Json = request.Json.Replace("\"product\":{", "\"product\":{\"name\":\"shadow\",", StringComparison.Ordinal);
        var ex = await Refused(request, "duplicate_key");
        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == "/product/name");
    }

    [Fact]
    public async Task Publish_InvalidUtf8_IsInvalidArgument()
    {
        var request = Passports.Request("cmp");
        var bytes = Encoding.UTF8.GetBytes(request.Json);
        bytes[Array.IndexOf(bytes, (byte)'{', 1)] = 0xC3; // a lead byte without its continuation
        await Refused(new PublishRequest { PassportId = request.PassportId, SchemaId = "cmp/1.0", JsonBytes = ByteString.CopyFrom(bytes) }, "invalid_encoding");
    }

    [Fact]
    public async Task Publish_Utf16WithByteOrderMark_IsAccepted()
    {
        var request = Passports.Request("battery");
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(request.Json)).ToArray();
        var stored = await _host.PassportClient().PublishAsync(new PublishRequest { PassportId = request.PassportId, SchemaId = "battery/1.0", JsonBytes = ByteString.CopyFrom(bytes) });
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Publish_NotJson_IsInvalidArgument() =>
        await Refused(new PublishRequest { PassportId = "urn:uuid:x", SchemaId = "cmp/1.0", Json = "{\"passportId\": " }, "invalid_json");

    [Fact]
    public async Task Publish_UnknownSchema_IsInvalidArgumentListingKnownSchemas()
    {
        var ex = await Refused(new PublishRequest(Passports.Request("cmp")) { SchemaId = "cmp/9.9" }, "unknown_schema");
        Assert.Contains("battery/1.0", ex.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<RpcException> Refused(PublishRequest request, string reason)
    {
        var client = _host.PassportClient();
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => client.PublishAsync(request).ResponseAsync);
        Assert.Contains(RpcAssert.Violations(ex), v => v.Reason == reason);
        // Still healthy: the next good publish succeeds.
        Assert.Equal(1, (await client.PublishAsync(Passports.Request("cmp"))).Version);
        return ex;
    }
}
