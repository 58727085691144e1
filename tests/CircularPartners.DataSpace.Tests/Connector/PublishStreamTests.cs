using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

public sealed class PublishStreamTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public PublishStreamTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Fact]
    public async Task PublishStream_MixedRecords_ReturnsOneResultPerRecordInOrder()
    {
        var client = _host.PassportClient("1010001000001");
        var good = Enumerable.Range(0, 300).Select(i => Passports.Request(Passports.UseCases[i % 5])).ToList();
        var bad = Passports.Request("cmp", edit: body => body["product"]!["category"] = "Not A Category");
        var records = good.Take(100).Append(bad).Concat(good.Skip(100)).ToList();

        using var call = client.PublishStream();
        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(300, response.Published);
        Assert.Equal(1, response.Failed);
        Assert.Equal(Enumerable.Range(0, 301), response.Results.Select(r => r.Index));
        var failure = response.Results[100];
        Assert.Equal((int)StatusCode.InvalidArgument, failure.Error.Code);
        Assert.Contains(failure.Error.Details, d => d.TryUnpack<Google.Rpc.BadRequest>(out var br) && br.FieldViolations.Any(v => v.Field == "/product/category"));
        Assert.All(response.Results.Where(r => r.Index != 100), r => Assert.Equal(1, r.Passport.Version));
        var stored = await client.GetAsync(new GetPassportRequest { PassportId = good[250].PassportId });
        Assert.Equal(response.Results[251].Passport.ContentHash, stored.ContentHash);
    }

    [Fact]
    public async Task PublishStream_SamePassportTwice_VersionsFollowStreamOrder()
    {
        var client = _host.PassportClient("1010001000001");
        var first = Passports.Request("battery");
        var second = Passports.Request("battery", id: first.PassportId, edit: body => body["recycledContentPercent"] = 42);

        using var call = client.PublishStream();
        await call.RequestStream.WriteAsync(first);
        await call.RequestStream.WriteAsync(second);
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal([1L, 2L], response.Results.Select(r => r.Passport.Version));
        var latest = await client.GetAsync(new GetPassportRequest { PassportId = first.PassportId });
        Assert.Contains("\"recycledContentPercent\":42", latest.Json, StringComparison.Ordinal);
    }
}
