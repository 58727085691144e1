namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// Versions appended to a shared store, by this process or by other replicas, in roughly the order
/// they became durable. A follower may see a version more than once, or after a newer one; the
/// query index ignores versions older than the one it holds.
/// </summary>
public interface IPassportChangeFeed
{
    /// <summary>Follows the store until cancelled; outages are waited out, not thrown.</summary>
    IAsyncEnumerable<PassportRecord> FollowAsync(CancellationToken cancellationToken);
}
