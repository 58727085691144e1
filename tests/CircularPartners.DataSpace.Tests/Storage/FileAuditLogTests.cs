using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>The audit log under concurrent access decisions, whose appends share disk flushes.</summary>
public sealed class FileAuditLogTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task AppendAsync_ManyConcurrent_ChainIsIntactOnDiskAndAfterReopen()
    {
        var options = new FileStoreOptions { DataDirectory = _data.Path };
        using (var log = new FileAuditLog(options, TimeProvider.System))
        {
            var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
                log.AppendAsync(new AuditDraft($"actor-{i}", "owner", "passport.get", "agreement-1", [$"p-{i}"], ["public"], "recycling", true, null), CancellationToken.None))));

            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
            var verification = log.Verify();
            Assert.True(verification.Intact, verification.Problem);
            Assert.Equal(200, verification.Entries);
        }

        using var reopened = new FileAuditLog(options, TimeProvider.System);
        var entries = reopened.Read(null, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.True(reopened.Verify().Intact);
    }

    public void Dispose() => _data.Dispose();
}
