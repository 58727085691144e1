using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Tests.Domain;

public sealed class AuditChainDetailsTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Seal_WithoutDetails_HashesAsBeforeDetailsExisted()
    {
        var entry = AuditChain.Seal(new AuditDraft("actor", "owner", "passport.get", "agreement-1", ["p-1"], ["public"], "recycling", true, null), 1, Time, AuditChain.Genesis);
        var empty = AuditChain.Seal(new AuditDraft("actor", "owner", "passport.get", "agreement-1", ["p-1"], ["public"], "recycling", true, null, Details: new Dictionary<string, string>()), 1, Time, AuditChain.Genesis);

        // SHA-256 of the fixed-order array as the chain hashed it before details existed: existing logs keep verifying.
        Assert.Equal("6e88ef56302faa7dc3c22dd99d6a89d60b106053025bee6d85bebfc7f1f2e0b8", entry.Hash);
        Assert.Equal(entry.Hash, empty.Hash);
        Assert.Null(empty.Details);
    }

    [Fact]
    public void Verify_DetailChanged_BreaksTheChain()
    {
        var sealed1 = AuditChain.Seal(new AuditDraft("actor", "owner", "negotiation.agree", "agreement-1", [], [], null, true, null,
            Details: new Dictionary<string, string> { ["offer_id"] = "offer-1", ["negotiation_id"] = "negotiation-1" }), 1, Time, AuditChain.Genesis);
        var altered = sealed1 with { Details = new Dictionary<string, string> { ["offer_id"] = "offer-2", ["negotiation_id"] = "negotiation-1" } };

        Assert.True(AuditChain.Verify([sealed1]).Intact);
        Assert.False(AuditChain.Verify([altered]).Intact);
    }
}
