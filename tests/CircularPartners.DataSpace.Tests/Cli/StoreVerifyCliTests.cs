using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Storage;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

public sealed class StoreVerifyCliTests
{
    [Fact]
    public async Task StoreVerify_IntactStore_ExitsZero_DamagedStore_ExitsOneNamingTheVersion()
    {
        using var data = new TempDirectory();
        var store = FilePassportStore.Open(new FileStoreOptions { DataDirectory = data.Path });
        await store.AppendAsync(PassportStoreContract.Version("first", json: "{\"n\":1}"), 0, default);
        await store.AppendAsync(PassportStoreContract.Version("second", json: "{\"n\":2}"), 0, default);
        await store.AppendAsync(PassportStoreContract.Version("third", json: "{\"n\":3}"), 0, default);
        await store.DisposeAsync();

        var (exit, output) = await RunAsync("store", "verify", data.Path);
        Assert.Equal(0, exit);
        Assert.StartsWith("intact: 3 intact version(s) of 3 passport(s)", output, StringComparison.Ordinal);

        var log = Path.Combine(data.Path, "passports", "passports.log");
        var bytes = await File.ReadAllBytesAsync(log);
        bytes[bytes.AsSpan().IndexOf("\"second\""u8) + 60] ^= 0x01;
        await File.WriteAllBytesAsync(log, bytes);

        (exit, output) = await RunAsync("store", "verify", data.Path);
        Assert.Equal(1, exit);
        Assert.Contains("damaged (offset", output, StringComparison.Ordinal);
        Assert.Contains("second v1", output, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(log)); // an offline check changes nothing
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, new StringWriter());
        return (exit, stdout.ToString());
    }
}
