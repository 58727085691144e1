using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

public sealed class AzureBlobPassportStoreTests(AzuriteFixture azurite) : PassportStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName() };

    protected override Task<IPassportStore> OpenAsync() => Task.FromResult<IPassportStore>(new AzureBlobPassportStore(_options, TimeProvider.System));

    protected override async Task CloseAsync(IPassportStore store) => await ((AzureBlobPassportStore)store).DisposeAsync();

    [Fact]
    public async Task Append_AbandonedReservation_DoesNotBlockNextWriter()
    {
        await Store.AppendAsync(Version("crash", json: "{\"n\":1}"), 0, default);
        // A writer crashed after reserving version 2 in the head, before writing the version blob.
        var head = Container.GetBlobClient(BlobLayout.Head("crash"));
        var reserved = new PassportHead("crash", 2, "1010001000001", DateTimeOffset.UnixEpoch);
        await head.UploadAsync(new BinaryData(BlobJsonContext.Serialize(reserved)), overwrite: true);

        Assert.Equal(1, (await Store.GetAsync("crash", null, default))!.Version);
        Assert.Single(await Store.HistoryAsync("crash", default));
        var next = await Store.AppendAsync(Version("crash", json: "{\"n\":2}"), 1, default);

        Assert.Equal(2, next.Version);
        Assert.Equal([1L, 2L], (await Store.HistoryAsync("crash", default)).Select(v => v.Version));
    }

    [Fact]
    public async Task Append_OrphanVersionBlob_IsTheCommittedVersion()
    {
        await Store.AppendAsync(Version("orphan", json: "{\"n\":1}"), 0, default);
        // A writer reserved version 2 and wrote its blob, then died before acknowledging: version 2 is committed.
        var head = Container.GetBlobClient(BlobLayout.Head("orphan"));
        await head.UploadAsync(new BinaryData(BlobJsonContext.Serialize(new PassportHead("orphan", 2, "1010001000001", DateTimeOffset.UnixEpoch))), overwrite: true);
        var orphan = Version("orphan", json: "{\"n\":2}").ToRecord(2, DateTimeOffset.UnixEpoch);
        await Container.GetBlobClient(BlobLayout.Version("orphan", 2)).UploadAsync(
            new BinaryData(CircularPartners.DataSpace.Storage.FileSystem.StoredRecordSerializer.Serialize(orphan)));

        await Assert.ThrowsAsync<CircularPartners.DataSpace.Domain.Errors.VersionConflictException>(
            () => Store.AppendAsync(Version("orphan", json: "{\"n\":3}"), 1, default));
        Assert.Equal(3, (await Store.AppendAsync(Version("orphan", json: "{\"n\":3}"), 2, default)).Version);
    }

    [Fact]
    public async Task Follow_JournalLineReadBeforeItsCommit_YieldsTheVersionOnceCommitted()
    {
        await Store.AppendAsync(Version("early", json: "{\"n\":1}"), 0, default);
        await using var follower = new AzureBlobPassportStore(
            new AzureBlobStoreOptions { ConnectionString = _options.ConnectionString, ContainerName = _options.ContainerName, JournalPollMilliseconds = 20 }, TimeProvider.System);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var followed = follower.FollowAsync(guard.Token).GetAsyncEnumerator(guard.Token);
        Assert.True(await followed.MoveNextAsync()); // "early": the follower is polling
        Assert.Equal("early", followed.Current.PassportId);

        // A writer reserved "late" v1 and journalled it; its commit lands only after followers read the line.
        await Container.GetBlobClient(BlobLayout.Head("late")).UploadAsync(
            new BinaryData(BlobJsonContext.Serialize(new PassportHead("late", 1, "1010001000001", DateTimeOffset.UnixEpoch))));
        var journal = Container.GetAppendBlobClient($"{BlobLayout.JournalHour(TimeProvider.System.GetUtcNow())}slowwriter-0000.log");
        await journal.CreateIfNotExistsAsync();
        using (var line = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"id\":\"late\",\"version\":1}\n")))
        {
            await journal.AppendBlockAsync(line);
        }
        var next = followed.MoveNextAsync().AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // several polls see the line without its version
        Assert.False(next.IsCompleted);
        var late = Version("late", json: "{\"n\":1}").ToRecord(1, DateTimeOffset.UnixEpoch);
        await Container.GetBlobClient(BlobLayout.Version("late", 1)).UploadAsync(
            new BinaryData(CircularPartners.DataSpace.Storage.FileSystem.StoredRecordSerializer.Serialize(late)));

        Assert.True(await next);
        Assert.Equal(("late", 1L), (followed.Current.PassportId, followed.Current.Version));
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEverySetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AzureBlobPassportStore(new AzureBlobStoreOptions { ContainerName = "Bad_Name" }, TimeProvider.System));

        Assert.Contains("Storage:AzureBlob:ConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:AzureBlob:ContainerName", ex.Message, StringComparison.Ordinal);
    }

    private BlobContainerClient Container => new(_options.ConnectionString, _options.ContainerName);
}
