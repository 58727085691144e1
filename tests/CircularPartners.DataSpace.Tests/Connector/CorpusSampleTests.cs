using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// Real-world passports (Battery Pass, Catena-X, OpenEPCIS) are not in our schema's shape yet
/// (import mappings come later), but each must get a clear, structured answer: never INTERNAL.
/// </summary>
public sealed class CorpusSampleTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public CorpusSampleTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    public static TheoryData<string> Samples() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.CorpusSamples, "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Publish_CorpusSample_GetsAClearAnswer(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.CorpusSamples, file));
        var schema = file.Contains("battery", StringComparison.OrdinalIgnoreCase) || file.StartsWith("batterypass", StringComparison.Ordinal) ? "battery/1.0" : "textile/1.0";
        var request = new PublishRequest { PassportId = "urn:uuid:" + Guid.NewGuid(), SchemaId = schema, JsonBytes = ByteString.CopyFrom(bytes) };

        try
        {
            var stored = await _host.PassportClient().PublishAsync(request);
            Assert.Equal(1, stored.Version);
        }
        catch (RpcException ex)
        {
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
            var violations = RpcAssert.Violations(ex);
            Assert.NotEmpty(violations);
            // A parsed document fails on its shape (schema), not on encoding or syntax.
            Assert.DoesNotContain(violations, v => v.Reason is "invalid_encoding" or "invalid_json");
        }
    }
}
