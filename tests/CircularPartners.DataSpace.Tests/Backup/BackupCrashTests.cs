using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace CircularPartners.DataSpace.Tests.Backup;

/// <summary>
/// kill -9 of a connector while it backs up (issue #14 §6): the restarted process resumes at its
/// checkpoint, so the backup ends up holding every version of the store exactly once, with no gap,
/// and only the batch in flight at the kill is offered again (and found in place, not rewritten).
/// </summary>
public sealed class BackupCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Owner = "local-participant";
    private const int BatchSize = 4;
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Kill9_MidBackup_RestartResumesWithNoGapAndNoDuplicate()
    {
        var container = AzuriteFixture.NewContainerName();
        // Small batches, one copy at a time: the backup trails the publishers, so the kill lands mid-backup.
        var arguments = BackupSupport.Settings(azurite, container, BatchSize, parallelism: 1).Select(s => $"--{s.Key}={s.Value}").ToArray();
        var (acknowledged, atKill) = await PublishUntilKilledMidBackupAsync(arguments);

        await using var restarted = await ConnectorProcess.StartAsync(_data.Path, arguments);
        using var channel = GrpcChannel.ForAddress(restarted.GrpcAddress);
        var status = await BackupSupport.WaitForBackupAsync(Invoker(restarted, channel), s => s.PendingVersions == 0);

        var client = restarted.PassportClient(channel);
        var stored = new Dictionary<(string, long), string>();
        foreach (var id in await AllIdsAsync(client))
        {
            foreach (var version in (await client.HistoryAsync(new HistoryRequest { PassportId = id })).Versions)
            {
                stored.Add((id, version.Version), version.ContentHash);
            }
        }
        var backedUp = await BackupSupport.BackedUpAsync(azurite, container);
        Assert.Equal(stored, backedUp); // every version of the store, each once, with its hash
        Assert.All(acknowledged, a => Assert.Equal(a.ContentHash, backedUp[(a.PassportId, a.Version)]));
        Assert.Equal(stored.Count, status.BackedUpVersions);
        Assert.InRange(status.AlreadyPresentVersions, 0, BatchSize); // resumed at the checkpoint, not from the start
        Assert.Equal(0, status.ConflictingVersions);
        output.WriteLine($"acknowledged {acknowledged.Count}; at the kill {atKill.BackedUpVersions} backed up and {atKill.PendingVersions} waiting; "
            + $"after the restart {status.BackedUpVersions} backed up (= {stored.Count} in the store), {status.AlreadyPresentVersions} offered again and found in place, lost 0");
    }

    /// <summary>Eight clients publish new passports and update earlier ones; the process is killed once the backup has copied some and trails.</summary>
    private async Task<(List<Passport>, BackupStatus)> PublishUntilKilledMidBackupAsync(string[] arguments)
    {
        await using var connector = await ConnectorProcess.StartAsync(_data.Path, arguments);
        using var channel = GrpcChannel.ForAddress(connector.GrpcAddress);
        using var publishers = CrashingPublishers.Start(connector.PassportClient(channel), writers: 8);
        var midBackup = await BackupSupport.WaitForBackupAsync(Invoker(connector, channel), s => s.BackedUpVersions >= 30 && s.PendingVersions > 0);
        connector.Kill();
        await publishers.StopAsync();
        Assert.True(midBackup.PendingVersions > 0);
        return ([.. publishers.Acknowledged], midBackup);
    }

    private static CallInvoker Invoker(ConnectorProcess connector, GrpcChannel channel)
    {
        var token = connector.Credential;
        return channel.Intercept(m =>
        {
            m.Add("authorization", "Bearer " + token);
            return m;
        });
    }

    private static async Task<List<string>> AllIdsAsync(PassportService.PassportServiceClient client)
    {
        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await client.QueryAsync(new QueryRequest { Owner = Owner, PageSize = 500, PageToken = token });
            ids.AddRange(page.Passports.Select(p => p.PassportId));
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return ids;
    }

    public void Dispose() => _data.Dispose();
}
