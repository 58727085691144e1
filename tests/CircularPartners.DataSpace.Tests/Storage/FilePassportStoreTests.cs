using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

public sealed class FilePassportStoreTests : PassportStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();

    protected override Task<IPassportStore> OpenAsync() =>
        Task.FromResult<IPassportStore>(FilePassportStore.Open(new FileStoreOptions { DataDirectory = _data.Path }));

    protected override async Task CloseAsync(IPassportStore store) => await ((FilePassportStore)store).DisposeAsync();

    private string LogPath => Path.Combine(_data.Path, "passports", "passports.log");

    [Fact]
    public async Task Open_TornTail_IsCutOffAndEarlierVersionsSurvive()
    {
        await Store.AppendAsync(Version("torn", json: "{\"n\":1}"), 0, default);
        var second = await Store.AppendAsync(Version("torn", json: "{\"n\":2}"), 1, default);
        await CloseAsync(Store);
        var intactLength = new FileInfo(LogPath).Length;
        // A crash mid-write: the frame of a third version is only half on disk.
        var frame = RecordFrame.Encode(System.Text.Encoding.UTF8.GetBytes("{\"passportId\":\"torn\",\"version\":3}"));
        await using (var log = new FileStream(LogPath, FileMode.Append))
        {
            await log.WriteAsync(frame.AsMemory(0, frame.Length / 2));
        }

        var reopened = FilePassportStore.Open(new FileStoreOptions { DataDirectory = _data.Path });
        await using var _ = reopened;

        Assert.Equal(frame.Length / 2, reopened.DiscardedBytes);
        Assert.Equal(intactLength, new FileInfo(LogPath).Length);
        Assert.Equal(second.ContentHash, (await reopened.GetAsync("torn", null, default))!.ContentHash);
        Assert.Equal(3, (await reopened.AppendAsync(Version("torn", json: "{\"n\":3}"), 2, default)).Version);
    }

    [Fact]
    public async Task Open_DamagedLastRecord_IsReportedAndKeptNotCut()
    {
        await Store.AppendAsync(Version("flip-1"), 0, default);
        await Store.AppendAsync(Version("flip-2"), 0, default);
        await CloseAsync(Store);
        var bytes = await File.ReadAllBytesAsync(LogPath);
        bytes[^3] ^= 0xFF; // damage the last record's payload
        await File.WriteAllBytesAsync(LogPath, bytes);

        var reopened = FilePassportStore.Open(new FileStoreOptions { DataDirectory = _data.Path });
        await using var _ = reopened;

        Assert.NotNull(await reopened.GetAsync("flip-1", null, default));
        var ex = await Assert.ThrowsAsync<CircularPartners.DataSpace.Domain.Errors.StoreDataLossException>(() => reopened.GetAsync("flip-2", null, default));
        Assert.Equal(("flip-2", 1L), (ex.PassportId, ex.Version));
        Assert.Equal(0, reopened.DiscardedBytes);
        Assert.Equal(bytes.Length, new FileInfo(LogPath).Length);
        Assert.Contains(reopened.Damage, d => d.Versions.Contains(new DamagedVersion("flip-2", 1)) && File.Exists(d.QuarantinePath));
    }

    [Fact]
    public void Open_DirectoryInUse_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<IOException>(() => FilePassportStore.Open(new FileStoreOptions { DataDirectory = _data.Path }));
        Assert.Contains("Storage:DataDirectory", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
