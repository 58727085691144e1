using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using DomainHead = CircularPartners.DataSpace.Domain.Audit.SignedAuditHead;

namespace CircularPartners.DataSpace.Tests.Audit;

/// <summary>
/// Issue 13, finding 4: the connector signs its audit chain head, keeps it apart from the log and
/// has the registry witness it, so a log cut short or replaced by an older copy is detected.
/// </summary>
public sealed class AuditHeadTests : IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string Member = "2010001000002";
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _work = new();
    private readonly ConnectorNetwork _network = new();

    [Fact]
    public async Task Restart_LastLineOfTheLogDeleted_VerifyNamesTheGapAndHealthIsDegraded()
    {
        using (var first = new ConnectorHost(_data.Path) { Operator = "" })
        {
            await RecordDenialsAsync(first, 3);
        } // shutdown signs the head at 3
        var log = Path.Combine(_data.Path, "audit", "audit.log");
        File.WriteAllLines(log, File.ReadAllLines(log)[..^1]);

        using var restarted = new ConnectorHost(_data.Path) { Operator = "" };
        var health = await AuditHealthAsync(restarted);
        var verification = await restarted.SharingClient("local-participant").VerifyAuditAsync(new VerifyAuditRequest());
        var (exit, stderr) = await CliVerifyAsync(restarted);
        var records = (await restarted.SharingClient("local-participant").ListAuditAsync(new ListAuditRequest())).Records;

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("log ends at 2, signed head at 3", health.Description, StringComparison.Ordinal);
        Assert.False(verification.Intact);
        Assert.StartsWith("log ends at 2, signed head at 3", verification.Problem, StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains("log ends at 2, signed head at 3", stderr, StringComparison.Ordinal);
        // The chain did not continue silently: its next entry records the gap.
        var gap = records.Single(r => r.Sequence == 3);
        Assert.Equal(("audit.gap", "detected", "local-participant"), (gap.Action, gap.Outcome, gap.Owner));
    }

    [Fact]
    public async Task Restart_AfterTheGapWasRecorded_RecordsItOnceAndVerifyStillNamesIt()
    {
        using (var first = new ConnectorHost(_data.Path) { Operator = "" })
        {
            await RecordDenialsAsync(first, 3);
        }
        var log = Path.Combine(_data.Path, "audit", "audit.log");
        File.WriteAllLines(log, File.ReadAllLines(log)[..^1]);
        using (var second = new ConnectorHost(_data.Path) { Operator = "" })
        {
            Assert.Equal(HealthStatus.Degraded, (await AuditHealthAsync(second)).Status); // finds and records the gap
        }

        using var again = new ConnectorHost(_data.Path) { Operator = "" };
        var health = await AuditHealthAsync(again);
        var verification = await again.SharingClient("local-participant").VerifyAuditAsync(new VerifyAuditRequest());
        var records = (await again.SharingClient("local-participant").ListAuditAsync(new ListAuditRequest())).Records;

        Assert.Single(records, r => r.Action == "audit.gap");
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.StartsWith("log ends at 2, signed head at 3", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_WhileRunning_LastLineDeletedAfterTheTimerSigned_NamesTheGap()
    {
        using var host = new ConnectorHost(_data.Path, new() { ["Audit:HeadIntervalSeconds"] = "10" });
        await RecordDenialsAsync(host, 2);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await WaitForSignedHeadAsync(host, 2);
        var log = Path.Combine(_data.Path, "audit", "audit.log");
        File.WriteAllLines(log, File.ReadAllLines(log)[..^1]);

        var verification = await host.SharingClient("local-participant").VerifyAuditAsync(new VerifyAuditRequest());

        Assert.False(verification.Intact);
        Assert.Equal(("log ends at 1, signed head at 2", 2L), (verification.Problem, verification.FirstBrokenSequence));
    }

    [Fact]
    public async Task Restart_LogReplacedByAnOlderCopy_DetectedThroughTheRegistrysWitnessedHead()
    {
        var registry = await RegistryWithMemberAsync();
        var settings = new Dictionary<string, string> { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat"), ["Connector:Operator"] = Member };
        using (var first = new ConnectorHost(_data.Path, settings) { Network = _network })
        {
            await RecordDenialsAsync(first, 2);
        }
        var backup = Directory.CreateDirectory(Path.Combine(_work.Path, "backup")).FullName;
        File.Copy(Path.Combine(_data.Path, "audit", "audit.log"), Path.Combine(backup, "audit.log"));
        File.Copy(Path.Combine(_data.Path, "audit-heads", "signed-heads.log"), Path.Combine(backup, "signed-heads.log"));
        using (var second = new ConnectorHost(_data.Path, settings) { Network = _network })
        {
            await RecordDenialsAsync(second, 1);
        }
        // Both the log and its local heads rolled back: only the witness still knows better.
        await ReplaceOnceClosedAsync(Path.Combine(backup, "audit.log"), Path.Combine(_data.Path, "audit", "audit.log"));
        await ReplaceOnceClosedAsync(Path.Combine(backup, "signed-heads.log"), Path.Combine(_data.Path, "audit-heads", "signed-heads.log"));

        using var restarted = new ConnectorHost(_data.Path, settings) { Network = _network };
        var health = await AuditHealthAsync(restarted);
        var verification = await restarted.SharingClient(Member).VerifyAuditAsync(new VerifyAuditRequest());

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("log ends at 2, witnessed head at 3", health.Description, StringComparison.Ordinal);
        Assert.False(verification.Intact);
        Assert.StartsWith("log ends at 2, witnessed head at 3", verification.Problem, StringComparison.Ordinal);
        var witnessed = await new MembershipService.MembershipServiceClient(registry.Channel())
            .GetWitnessedAuditHeadAsync(new GetWitnessedAuditHeadRequest { ParticipantId = Member });
        Assert.Equal(3, witnessed.Sequence);
    }

    [Fact]
    public async Task GetWitnessedAuditHead_AfterShutdown_SignatureVerifiesWithTheConnectorsTokenSigningKey()
    {
        var registry = await RegistryWithMemberAsync();
        var settings = new Dictionary<string, string> { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat"), ["Connector:Operator"] = Member };
        using (var member = new ConnectorHost(_data.Path, settings) { Network = _network })
        {
            await RecordDenialsAsync(member, 2);
        }

        var wire = await new MembershipService.MembershipServiceClient(registry.Channel())
            .GetWitnessedAuditHeadAsync(new GetWitnessedAuditHeadRequest { ParticipantId = Member });
        var head = new DomainHead(wire.ParticipantId, wire.Sequence, wire.Hash, wire.SignedAt.ToDateTimeOffset(), wire.PublicKey, wire.Signature);
        using var tokenKey = System.Security.Cryptography.ECDsa.Create();
        tokenKey.ImportFromPem(File.ReadAllText(Path.Combine(_data.Path, "sharing", "token-signing.key.pem")));

        Assert.Equal((Member, 2L), (head.ParticipantId, head.Sequence));
        Assert.True(head.SignatureVerifies());
        Assert.True(head.SignedWith(tokenKey.ExportSubjectPublicKeyInfoPem()));
        Assert.False((head with { Sequence = 1 }).SignatureVerifies());
    }

    [Fact]
    public async Task WitnessAuditHead_LowerSequenceForgedOrForeignKey_IsRefusedNamingTheRule()
    {
        var registry = await RegistryWithMemberAsync();
        var witness = new MembershipService.MembershipServiceClient(registry.Channel()); // open: the signature authenticates
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await witness.WitnessAuditHeadAsync(Head(Member, 5, key));

        await AssertRefused("audit-head.sequence-regressed", Head(Member, 4, key));
        await AssertRefused("audit-head.forked", Head(Member, 5, key, hash: "another"));
        await AssertRefused("audit-head.key", Head(Member, 6, other));
        var forged = Head(Member, 6, key);
        forged.Sequence = 7;
        await AssertRefused("audit-head.signature", forged);
        await AssertRefused("audit-head.members-only", Head("3010001000003", 1, key));
        await witness.WitnessAuditHeadAsync(Head(Member, 5, key)); // the same head again is answered as before
        await witness.WitnessAuditHeadAsync(Head(Member, 1, key, logId: "pod-b")); // another replica's log has its own head
        Assert.Equal(5, (await witness.GetWitnessedAuditHeadAsync(new GetWitnessedAuditHeadRequest { ParticipantId = Member })).Sequence);

        async Task AssertRefused(string rule, SignedAuditHead head)
        {
            var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => witness.WitnessAuditHeadAsync(head).ResponseAsync);
            Assert.Equal(rule, ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
        }
    }

    private static SignedAuditHead Head(string participant, long sequence, System.Security.Cryptography.ECDsa key, string? hash = null, string logId = "")
    {
        var last = new CircularPartners.DataSpace.Domain.Audit.AuditEntry(sequence, DateTimeOffset.UnixEpoch, "actor", participant, "passport.get", null, [], [], null, "granted", null,
            "previous", hash ?? $"hash-{sequence}");
        var head = DomainHead.Sign(participant, last, DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), key, logId);
        return new SignedAuditHead
        {
            ParticipantId = head.ParticipantId, Sequence = head.Sequence, Hash = head.Hash,
            SignedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(head.SignedAt), PublicKey = head.PublicKey, Signature = head.Signature, LogId = head.LogId,
        };
    }

    private async Task<ConnectorHost> RegistryWithMemberAsync()
    {
        var registry = _network.Add("secretariat");
        await new MembershipService.MembershipServiceClient(registry.Invoker(registry.CredentialFor(Secretariat, "secretariat")))
            .JoinAsync(new JoinRequest { Participant = new Participant
            {
                ParticipantId = Member, Name = "Tokai Parts K.K.", Kind = "company", Industry = "automotive parts",
                Roles = { "arterial" }, ConnectorAddress = "http://member.test",
            } });
        return registry;
    }

    /// <summary>Token requests for an agreement that does not exist: each is a denial on the record.</summary>
    private static async Task RecordDenialsAsync(ConnectorHost host, int count)
    {
        var client = new ContractNegotiationService.ContractNegotiationServiceClient(host.Invoker(host.CredentialFor("7010001000007", "venous")));
        for (var i = 0; i < count; i++)
        {
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => client.IssueTokenAsync(new TransferRequest { AgreementId = $"no-such-agreement-{i}" }).ResponseAsync);
        }
    }

    private static async Task<HealthReportEntry> AuditHealthAsync(ConnectorHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["audit"];

    private async Task<(int Exit, string Stderr)> CliVerifyAsync(ConnectorHost host)
    {
        var credential = Path.Combine(_work.Path, "local.jwt");
        await File.WriteAllTextAsync(credential, host.CredentialFor("local-participant"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["--connector", "http://local.test", "audit", "verify", "--credential", credential], stdout, stderr, _ => host.Channel());
        return (exit, stderr.ToString());
    }

    /// <summary>The timer's signing runs on its own; wait (bounded) until the connector reports the head signed and witnessed.</summary>
    private static async Task WaitForSignedHeadAsync(ConnectorHost host, long sequence)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var verification = await host.SharingClient("local-participant").VerifyAuditAsync(new VerifyAuditRequest());
            if (verification.SignedHeadSequence == sequence && verification.WitnessedHeadSequence == sequence)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"No head at {sequence} was signed and witnessed.");
    }

    public void Dispose()
    {
        _network.Dispose();
        _data.Dispose();
        _work.Dispose();
    }

    /// <summary>
    /// Overwrites <paramref name="target"/> once the stopped host has let go of it: an in-process
    /// host's background work can hold a shared handle for a moment after disposal, and an
    /// overwrite needs the file to itself.
    /// </summary>
    private static async Task ReplaceOnceClosedAsync(string source, string target)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Copy(source, target, overwrite: true);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
