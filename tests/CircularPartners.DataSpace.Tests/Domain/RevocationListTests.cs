using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Tests.Domain;

public sealed class RevocationListTests
{
    private static readonly DateTimeOffset Left = DateTimeOffset.Parse("2026-11-28T09:00:00.700Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void IsRevoked_ParticipantLeft_RefusesCredentialsIssuedUntilTheSecondOfLeaving_AcceptsLaterOnes()
    {
        var list = new RevocationList();
        list.Apply(new Revocation(1, "5010001000005", null, Left));

        Assert.True(list.IsRevoked("5010001000005", Left.AddHours(-1), "c-1"));
        Assert.True(list.IsRevoked("5010001000005", DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "c-2"));
        Assert.True(list.IsRevoked("5010001000005", null, "c-3"));
        Assert.False(list.IsRevoked("5010001000005", DateTimeOffset.Parse("2026-11-28T09:00:01Z", System.Globalization.CultureInfo.InvariantCulture), "c-4"));
        Assert.False(list.IsRevoked("1010001000001", Left.AddHours(-1), "c-5"));
    }

    [Fact]
    public void IsRevoked_LeftTwice_TheLaterLeavingCounts_AndARevokedCredentialStaysRefused()
    {
        var list = new RevocationList();
        list.Apply(new Revocation(2, "5010001000005", null, Left.AddDays(1)));
        list.Apply(new Revocation(1, "5010001000005", null, Left));
        list.Apply(new Revocation(3, null, "c-late", Left.AddDays(2)));

        Assert.True(list.IsRevoked("5010001000005", Left.AddHours(1), "c-1"));
        Assert.False(list.IsRevoked("5010001000005", Left.AddDays(1).AddSeconds(5), "c-2"));
        Assert.True(list.IsRevoked("5010001000005", Left.AddDays(3), "c-late"));
        Assert.Equal(3, list.LastSequence);
    }
}
