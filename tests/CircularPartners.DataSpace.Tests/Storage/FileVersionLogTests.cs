using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>The file store as a version log: commit order, positions that survive a restart, a wake-up on each commit.</summary>
public sealed class FileVersionLogTests
{
    [Fact]
    public async Task ReadFrom_AfterRestart_ResumesAtThePositionWithTheVersionsInCommitOrder()
    {
        using var data = new TempDirectory();
        var options = new FileStoreOptions { DataDirectory = data.Path };
        long resumeAt;
        await using (var store = FilePassportStore.Open(options))
        {
            await store.AppendAsync(PassportStoreContract.Version("a", json: "{\"n\":1}"), 0, default);
            await store.AppendAsync(PassportStoreContract.Version("b", json: "{\"n\":2}"), 0, default);
            await store.AppendAsync(PassportStoreContract.Version("a", json: "{\"n\":3}"), 1, default);
            var first = await store.ReadFromAsync(0, 2, default);
            Assert.Equal([("a", 1L), ("b", 1L)], first.Select(v => (v.Version.PassportId, v.Version.Version)));
            Assert.All(first, v => Assert.NotNull(v.Record));
            resumeAt = first[^1].Next;
            Assert.Equal(1, store.CountFrom(resumeAt));
            Assert.Equal(store.End, (await store.ReadFromAsync(resumeAt, 10, default))[^1].Next);
        }
        await using var reopened = FilePassportStore.Open(options);
        var waiting = reopened.WaitBeyondAsync(reopened.End, default);
        Assert.False(waiting.IsCompleted);
        await reopened.AppendAsync(PassportStoreContract.Version("c", json: "{\"n\":4}"), 0, default);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        var rest = await reopened.ReadFromAsync(resumeAt, 10, default);

        Assert.Equal([("a", 2L), ("c", 1L)], rest.Select(v => (v.Version.PassportId, v.Version.Version)));
        Assert.Equal("{\"n\":3}", rest[0].Record!.Json);
    }
}
