using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>A damaged record through the real host: DATA_LOSS naming it, health Degraded with the reason, everything else served.</summary>
public sealed class StoreDamageHostTests
{
    private const string Maker = "1010001000001";

    [Fact]
    public async Task Restart_WithDamageMidLog_ServesTheRest_AndReportsTheDamagedPassport()
    {
        using var data = new TempDirectory();
        var ids = new List<string>();
        using (var first = new ConnectorHost(data.Path))
        {
            foreach (var useCase in new[] { "cmp", "battery", "textile" })
            {
                ids.Add((await first.PassportClient(Maker).PublishAsync(Passports.Request(useCase))).PassportId);
            }
        }
        var log = Path.Combine(data.Path, "passports", "passports.log");
        var bytes = await File.ReadAllBytesAsync(log);
        var middle = System.Text.Encoding.UTF8.GetBytes("\"passportId\":" + JsonSerializer.Serialize(ids[1]));
        var at = bytes.AsSpan().IndexOf(middle) + middle.Length + 300;
        bytes[at] ^= 0x20;
        await File.WriteAllBytesAsync(log, bytes);

        using var host = new ConnectorHost(data.Path);
        var client = host.PassportClient(Maker);
        var ex = await RpcAssert.FailsWith(StatusCode.DataLoss, () => client.GetAsync(new GetPassportRequest { PassportId = ids[1] }).ResponseAsync);
        Assert.Contains(ids[1], ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Version 1", ex.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(await client.GetAsync(new GetPassportRequest { PassportId = ids[0] }));
        Assert.NotNull(await client.GetAsync(new GetPassportRequest { PassportId = ids[2] }));
        Assert.Equal(bytes.Length, new FileInfo(log).Length);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "passports", "quarantine")));

        using var http = host.CreateClient();
        var health = JsonDocument.Parse(await http.GetStringAsync("/healthz/ready")).RootElement;
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains(ids[1], health.GetProperty("checks")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RecordDamagedWhileRunning_IsDataLossNotInternal()
    {
        using var host = new ConnectorHost();
        var client = host.PassportClient(Maker);
        var id = (await client.PublishAsync(Passports.Request("battery"))).PassportId;
        var log = Path.Combine(host.DataDirectory, "passports", "passports.log");
        await using (var file = new FileStream(log, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = file.Length - 10;
            file.WriteByte((byte)'#');
        }

        await RpcAssert.FailsWith(StatusCode.DataLoss, () => client.GetAsync(new GetPassportRequest { PassportId = id }).ResponseAsync);
        using var http = host.CreateClient();
        Assert.Contains("Degraded", await http.GetStringAsync("/healthz/ready"), StringComparison.Ordinal);
    }
}
