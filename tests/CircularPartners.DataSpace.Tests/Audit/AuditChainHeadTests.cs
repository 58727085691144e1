using System.Security.Cryptography;
using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Tests.Audit;

/// <summary>The chain check against signed heads, without a host.</summary>
public sealed class AuditChainHeadTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Verify_LogEndsBeforeTheSignedHead_NamesTheGap()
    {
        var log = Chain(73);
        var head = SignedAuditHead.Sign("p", log[^1], Now, _key);

        var result = AuditChain.Verify(log[..72], [new CheckedHead(head, "signed head")]);

        Assert.Equal((false, 72L, 73L, "log ends at 72, signed head at 73"), (result.Intact, result.Entries, result.FirstBrokenSequence, result.Problem));
    }

    [Fact]
    public void Verify_OlderCopyContinuedPastTheHead_NamesTheDivergentEntry()
    {
        var original = Chain(5);
        var head = SignedAuditHead.Sign("p", original[^1], Now, _key);
        var rewritten = Chain(6, actor: "other");

        var result = AuditChain.Verify(rewritten, [new CheckedHead(head, "witnessed head")]);

        Assert.False(result.Intact);
        Assert.StartsWith("entry 5 differs from the witnessed head at 5", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LogAheadOfItsHead_IsIntact()
    {
        var log = Chain(10);
        var head = SignedAuditHead.Sign("p", log[6], Now, _key);

        Assert.True(AuditChain.Verify(log, [new CheckedHead(head, "signed head")]).Intact);
    }

    [Fact]
    public void Verify_RecordedGap_StaysOnTheRecord()
    {
        var log = Chain(2);
        var gap = AuditChain.Seal(new AuditDraft("connector", "p", AuditHeadCheck.GapAction, null, [], [], null, false, "log ends at 2, signed head at 3", "detected"),
            3, Now, log[^1].Hash);

        var result = AuditChain.Verify([.. log, gap]);

        Assert.Equal((false, 3L, "detected"), (result.Intact, result.FirstBrokenSequence, gap.Outcome));
        Assert.StartsWith("log ends at 2, signed head at 3", result.Problem, StringComparison.Ordinal);
    }

    private static AuditEntry[] Chain(int count, string actor = "actor")
    {
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            entries.Add(AuditChain.Seal(new AuditDraft(actor, "p", "passport.get", null, [], [], null, true, null), i, Now, entries.LastOrDefault()?.Hash ?? AuditChain.Genesis));
        }
        return [.. entries];
    }

    public void Dispose() => _key.Dispose();
}
