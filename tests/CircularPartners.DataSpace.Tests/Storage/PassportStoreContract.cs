using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IPassportStore"/> must have. Each implementation derives from
/// this class and says how to open (and re-open) a store on the same underlying data.
/// </summary>
public abstract class PassportStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private IPassportStore? _store;

    protected IPassportStore Store => _store ?? throw new InvalidOperationException("Store not opened.");

    /// <summary>Opens a store over this test's data; called again by <see cref="ReopenAsync"/>.</summary>
    protected abstract Task<IPassportStore> OpenAsync();

    protected abstract Task CloseAsync(IPassportStore store);

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await CloseAsync(_store);
        }
    }

    protected async Task ReopenAsync()
    {
        await CloseAsync(Store);
        _store = await OpenAsync();
    }

    public static NewPassportVersion Version(string id, string owner = "1010001000001", int minute = 0, string json = "{}", PassportStatus status = PassportStatus.Active) =>
        new(id, owner, "cmp/1.0", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
            T0.AddMinutes(minute), status, json, status == PassportStatus.Withdrawn ? "recalled" : null,
            new PassportFacets("cmp", "chemicals", ["copper"], ["7440-50-8"], 12.5));

    [Fact]
    public async Task Append_FirstVersion_IsVersionOneAndReadable()
    {
        var stored = await Store.AppendAsync(Version("p-1", json: "{\"a\":1}"), 0, default);
        var read = await Store.GetAsync("p-1", null, default);

        Assert.Equal(1, stored.Version);
        Assert.Equal(stored, read! with { Facets = stored.Facets });
        Assert.Equal(["copper"], read!.Facets.Materials);
        Assert.Equal(T0, read.CreatedAt);
    }

    [Fact]
    public async Task Append_NextVersions_KeepCreationTimeAndHistoryOrder()
    {
        await Store.AppendAsync(Version("p-2", minute: 0, json: "{\"v\":1}"), null, default);
        await Store.AppendAsync(Version("p-2", minute: 5, json: "{\"v\":2}"), 1, default);
        await Store.AppendAsync(Version("p-2", minute: 9, status: PassportStatus.Withdrawn, json: "{\"v\":2}"), null, default);

        var history = await Store.HistoryAsync("p-2", default);
        var second = await Store.GetAsync("p-2", 2, default);

        Assert.Equal([1L, 2L, 3L], history.Select(v => v.Version));
        Assert.All(history, v => Assert.Equal(T0, v.CreatedAt));
        Assert.Equal(T0.AddMinutes(5), second!.PublishedAt);
        Assert.Equal("{\"v\":2}", second.Json);
        Assert.Equal(PassportStatus.Withdrawn, history[2].Status);
        Assert.Equal("recalled", history[2].WithdrawalReason);
    }

    [Fact]
    public async Task Append_WrongExpectedVersion_ThrowsConflictAndWritesNothing()
    {
        await Store.AppendAsync(Version("p-3"), 0, default);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(Version("p-3"), 0, default));
        Assert.Equal(1, conflict.Actual);
        await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(Version("p-3"), 5, default));
        Assert.Single(await Store.HistoryAsync("p-3", default));
    }

    [Fact]
    public async Task Append_ConcurrentConditionalUpdates_LoseNothing()
    {
        await Store.AppendAsync(Version("p-4"), 0, default);
        var successes = 0;
        async Task Writer(int writer)
        {
            for (var done = 0; done < 10;)
            {
                var current = (await Store.GetAsync("p-4", null, default))!.Version;
                try
                {
                    await Store.AppendAsync(Version("p-4", json: $"{{\"w\":{writer},\"n\":{done}}}"), current, default);
                    Interlocked.Increment(ref successes);
                    done++;
                }
                catch (VersionConflictException)
                {
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(Writer));

        var history = await Store.HistoryAsync("p-4", default);
        Assert.Equal(81, history.Count);
        Assert.Equal(80, successes);
        Assert.Equal(Enumerable.Range(1, 81).Select(i => (long)i), history.Select(v => v.Version));
        Assert.Equal(80, history.Skip(1).Select(v => v.Json).Distinct().Count());
    }

    [Fact]
    public async Task Get_Missing_ReturnsNullAndEmptyHistory()
    {
        Assert.Null(await Store.GetAsync("nope", null, default));
        await Store.AppendAsync(Version("p-5"), 0, default);
        Assert.Null(await Store.GetAsync("p-5", 2, default));
        Assert.Empty(await Store.HistoryAsync("nope", default));
    }

    [Fact]
    public async Task Reopen_KeepsEveryAcknowledgedVersion()
    {
        var acknowledged = new List<PassportRecord>();
        for (var i = 0; i < 50; i++)
        {
            acknowledged.Add(await Store.AppendAsync(Version($"p-6-{i % 10}", json: $"{{\"i\":{i}}}"), null, default));
        }

        await ReopenAsync();

        foreach (var record in acknowledged)
        {
            var read = await Store.GetAsync(record.PassportId, record.Version, default);
            Assert.Equal(record.ContentHash, read!.ContentHash);
            Assert.Equal(record.Json, read.Json);
        }
        var latest = new List<PassportRecord>();
        await foreach (var record in Store.ReadLatestAsync(default))
        {
            latest.Add(record);
        }
        Assert.Equal(10, latest.Count(r => r.PassportId.StartsWith("p-6-", StringComparison.Ordinal)));
        Assert.All(latest.Where(r => r.PassportId.StartsWith("p-6-", StringComparison.Ordinal)), r => Assert.Equal(5, r.Version));
    }
}
