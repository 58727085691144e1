using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>The audit log under concurrent access decisions, whose appends share disk flushes.</summary>
public sealed class FileAuditLogTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Theory]
    [InlineData(JournalSync.OnDisk)]
    [InlineData(JournalSync.InOperatingSystem)]
    public async Task AppendAsync_ManyConcurrent_ChainIsIntactOnDiskAndAfterReopen(JournalSync sync)
    {
        var options = new FileStoreOptions { DataDirectory = _data.Path };
        using (var log = new FileAuditLog(options, TimeProvider.System, sync))
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

    [Theory]
    [InlineData(0L)]
    [InlineData(1024L)]
    [InlineData(1025L)]
    [InlineData(2050L)]
    [InlineData(2999L)]
    public async Task Read_FromAnySequence_PastCheckpoints_MatchesWhatWasAppended_AlsoAfterReopen(long from)
    {
        var options = new FileStoreOptions { DataDirectory = _data.Path };
        AuditEntry[] appended;
        using (var log = new FileAuditLog(options, TimeProvider.System))
        {
            appended = await Task.WhenAll(Enumerable.Range(0, 3000).Select(i =>
                log.AppendAsync(new AuditDraft("actor", $"owner-{i % 3}", "passport.get", null, [], [], null, true, null), CancellationToken.None)));
            AssertReads(log);
        }

        using var reopened = new FileAuditLog(options, TimeProvider.System);
        AssertReads(reopened);
        var next = await reopened.AppendAsync(new AuditDraft("actor", "owner-0", "passport.get", null, [], [], null, true, null), CancellationToken.None);
        Assert.Equal((3001L, appended.MaxBy(e => e.Sequence)!.Hash), (next.Sequence, next.PreviousHash));
        Assert.True(reopened.Verify().Intact);

        void AssertReads(FileAuditLog log)
        {
            var expected = appended.Where(e => e.Sequence >= from && e.Owner == "owner-1").OrderBy(e => e.Sequence).Take(100).Select(e => e.Hash);
            Assert.Equal(expected, log.Read("owner-1", from, 100).Select(e => e.Hash));
            Assert.Equal(Math.Min(3000 - Math.Max(from, 1) + 1, 500), log.Read(null, from, 500).Count);
        }
    }

    [Fact]
    public async Task Verify_LastLineCutAfterTheHeadWasSigned_NamesTheGap_AndHeadIsTheLastEntryOnDisk()
    {
        var options = new FileStoreOptions { DataDirectory = _data.Path };
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        SignedAuditHead head;
        using (var log = new FileAuditLog(options, TimeProvider.System))
        {
            for (var i = 0; i < 3; i++)
            {
                await log.AppendAsync(new AuditDraft("actor", "owner", "passport.get", null, [], [], null, true, null), CancellationToken.None);
            }
            Assert.Equal(3, log.Head!.Sequence);
            head = SignedAuditHead.Sign("owner", log.Head, TimeProvider.System.GetUtcNow(), key);
        }
        var path = Path.Combine(_data.Path, "audit", "audit.log");
        File.WriteAllLines(path, File.ReadAllLines(path)[..^1]);

        using var reopened = new FileAuditLog(options, TimeProvider.System);
        var verification = reopened.Verify([new CheckedHead(head, "signed head")]);

        Assert.Equal(2, reopened.Head!.Sequence);
        Assert.True(reopened.Verify().Intact); // the links alone cannot tell
        Assert.Equal((false, 2L, 3L, "log ends at 2, signed head at 3"),
            (verification.Intact, verification.Entries, verification.FirstBrokenSequence, verification.Problem));
    }

    public void Dispose() => _data.Dispose();
}
