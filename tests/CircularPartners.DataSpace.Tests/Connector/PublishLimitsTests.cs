using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Connector.Publishing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// Per-publisher limits protect the connector: a flood or a run of oversized documents from one
/// publisher is refused with RESOURCE_EXHAUSTED naming the limit, while others publish on. The
/// window is a day, so nothing refills while a test runs.
/// </summary>
public sealed class PublishLimitsTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private const string Flooder = "2010001000002";
    private const string Bystander = "3010001000003";
    private const int Records = 3;
    private const int Bytes = 128 * 1024;

    private readonly ConnectorHost _host = new(settings: new Dictionary<string, string>
    {
        ["Publishing:WindowSeconds"] = "86400",
        ["Publishing:RecordsPerWindow"] = Records.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Publishing:BytesPerWindow"] = Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Passports:MaxBodyBytes"] = Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public PublishLimitsTests()
    {
        _host.Delegate(Flooder);
        _host.Delegate(Bystander);
    }

    [Fact]
    public async Task Publish_FloodFromOneDelegate_IsLimitedWhileAnotherDelegateAndTheOperatorAreNot()
    {
        var flooder = _host.PassportClient(Flooder);
        for (var i = 0; i < Records; i++)
        {
            await flooder.PublishAsync(Passports.Request("cmp"));
        }

        var ex = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, () => flooder.PublishAsync(Passports.Request("cmp")).ResponseAsync);

        Assert.Contains("Publishing:RecordsPerWindow", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("Publishing:RecordsPerWindow", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["limit"]);
        Assert.Equal(1, (await _host.PassportClient(Bystander).PublishAsync(Passports.Request("cmp"))).Version);
        for (var i = 0; i <= Records; i++)
        {
            await _host.PassportClient(Maker).PublishAsync(Passports.Request("cmp"));
        }
    }

    [Fact]
    public async Task Publish_OversizedDocumentsFromOneDelegate_AreLimitedByBytesWhileAnotherDelegateIsNot()
    {
        var flooder = _host.PassportClient(Flooder);
        await flooder.PublishAsync(Padded(Bytes * 3 / 4));

        var ex = await RpcAssert.FailsWith(StatusCode.ResourceExhausted, () => flooder.PublishAsync(Padded(Bytes * 3 / 4)).ResponseAsync);

        Assert.Contains("Publishing:BytesPerWindow", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await _host.PassportClient(Bystander).PublishAsync(Padded(Bytes * 3 / 4))).Version);
    }

    [Fact]
    public async Task PublishStream_BeyondTheLimit_RefusesEachFurtherRecordWithResourceExhausted()
    {
        using var call = _host.PassportClient(Flooder).PublishStream();
        for (var i = 0; i < Records + 2; i++)
        {
            await call.RequestStream.WriteAsync(Passports.Request("cmp"));
        }
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(Records, response.Published);
        Assert.Equal(2, response.Failed);
        Assert.All(response.Results.Where(r => r.Error is not null), r => Assert.Equal((int)StatusCode.ResourceExhausted, r.Error.Code));
    }

    [Fact]
    public void Validate_BytesPerWindowBelowTheLargestBody_FailsNamingBothSettingsAndTheHelmValue()
    {
        var validator = new PublishingOptionsValidator(Options.Create(new PassportOptions { MaxBodyBytes = 4096 }));

        var result = validator.Validate(null, new PublishingOptions { BytesPerWindow = 2048 });

        Assert.True(result.Failed);
        Assert.Contains("Publishing:BytesPerWindow", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Passports:MaxBodyBytes", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("publishing.bytesPerWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    private static PublishRequest Padded(int bytes)
    {
        var request = Passports.Request("cmp", edit: body => body["padding"] = new string('x', bytes));
        request.KeepUnknownSections = true;
        return request;
    }

    public void Dispose() => _host.Dispose();
}
