using System.Threading.RateLimiting;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Connector.Publishing;

/// <summary>
/// Per-participant publish limits on the platform's rate limiters (System.Threading.RateLimiting,
/// what ASP.NET Core's rate-limiting middleware partitions): one token bucket of records and one
/// of body bytes per authenticated participant. Applied per record rather than per HTTP request,
/// so a PublishStream of thousands of records is counted record by record, and after
/// authentication, so the partition is the participant the credential proves.
/// </summary>
internal sealed class PublishRateLimiter : IPublishLimiter, IDisposable
{
    private const int Segments = 10;
    private readonly PublishingOptions _options;
    private readonly PartitionedRateLimiter<string> _records;
    private readonly PartitionedRateLimiter<string> _bytes;

    public PublishRateLimiter(PublishingOptions options)
    {
        _options = options;
        _records = Partitioned(options.RecordsPerWindow, options.WindowSeconds);
        _bytes = Partitioned(options.BytesPerWindow, options.WindowSeconds);
    }

    public void Acquire(PublishRight right, PassportBody body)
    {
        if (right.IsOperator && !_options.LimitOperator)
        {
            return;
        }
        using (var record = _records.AttemptAcquire(right.ParticipantId))
        {
            if (!record.IsAcquired)
            {
                throw Exceeded(record, "Publishing:RecordsPerWindow",
                    $"'{right.ParticipantId}' has published its limit of {_options.RecordsPerWindow} passport(s) per {_options.WindowSeconds} s on this connector (setting Publishing:RecordsPerWindow)");
            }
        }
        using var bytes = _bytes.AttemptAcquire(right.ParticipantId, (int)Math.Clamp(body.ByteCount, 0, _options.BytesPerWindow));
        if (!bytes.IsAcquired)
        {
            throw Exceeded(bytes, "Publishing:BytesPerWindow",
                $"'{right.ParticipantId}' has published its limit of {_options.BytesPerWindow} body byte(s) per {_options.WindowSeconds} s on this connector (setting Publishing:BytesPerWindow)");
        }
    }

    public void Dispose()
    {
        _records.Dispose();
        _bytes.Dispose();
    }

    private static LimitExceededException Exceeded(RateLimitLease lease, string limit, string message)
    {
        TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        var retry = retryAfter is { } wait ? $"; retry in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s." : "; retry later.";
        return new LimitExceededException(limit, message + retry, retryAfter);
    }

    private static PartitionedRateLimiter<string> Partitioned(int perWindow, int windowSeconds) =>
        PartitionedRateLimiter.Create<string, string>(participant => RateLimitPartition.GetTokenBucketLimiter(participant, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perWindow,
            TokensPerPeriod = Math.Max(1, perWindow / Segments),
            ReplenishmentPeriod = TimeSpan.FromSeconds(windowSeconds) / Segments,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}
