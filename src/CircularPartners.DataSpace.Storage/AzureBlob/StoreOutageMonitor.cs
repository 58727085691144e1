using Azure;
using Polly.CircuitBreaker;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>Told when the blob store stops answering and when it answers again.</summary>
public interface IStoreOutageObserver
{
    /// <param name="store">Which store, e.g. <c>Azure Blob container 'passports'</c>.</param>
    /// <param name="cause">The first failure, in one line (no stack trace).</param>
    void OutageStarted(string store, string cause);

    /// <param name="failedCalls">Storage calls that failed during the outage (after the pipeline's retries).</param>
    void OutageEnded(string store, TimeSpan duration, long failedCalls);
}

/// <summary>
/// Turns the storage calls of every adapter on one container (passport store, journal writer and
/// reader, sharing store) into outages: the first call the resilience pipeline gives up on starts
/// one; it ends once the store has answered steadily for <see cref="Steady"/> (a 404 or 412 is an
/// answer too), so a store that comes back haltingly (seen with Azurite: refused connections for a
/// moment after the first answers) is still one outage. A failure of a call that started before the
/// store last answered is old news and changes nothing. The observer
/// hears each outage twice, when it starts and when it ends, never once per failed call, so an
/// outage costs two log lines however many requests it refuses. Health and metrics read
/// <see cref="Unreachable"/> and <see cref="Cause"/>.
/// </summary>
public sealed class StoreOutageMonitor(string store, TimeProvider clock, IStoreOutageObserver? observer = null)
{
    /// <summary>How long the store must answer without a failure before an outage counts as over.</summary>
    public static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private volatile bool _unreachable;
    private long _lastAnswered = long.MinValue;
    private DateTimeOffset _since;
    private DateTimeOffset? _answeringSince;
    private long _failedCalls;
    private long _outages;

    public string Store { get; } = store;

    /// <summary>True from the first failed call of an outage until the store has answered steadily again.</summary>
    public bool Unreachable => _unreachable;

    /// <summary>When the current outage started; null while the store answers.</summary>
    public DateTimeOffset? Since
    {
        get
        {
            lock (_gate)
            {
                return _unreachable ? _since : null;
            }
        }
    }

    /// <summary>The first failure of the current outage, in one line; null while the store answers.</summary>
    public string? Cause { get; private set; }

    /// <summary>Outages seen since start-up (ended or not).</summary>
    public long Outages => Interlocked.Read(ref _outages);

    /// <param name="startedAt">The <see cref="TimeProvider.GetTimestamp"/> of the call's start.</param>
    internal void Failed(Exception failure, long startedAt)
    {
        string cause;
        lock (_gate)
        {
            if (startedAt < Interlocked.Read(ref _lastAnswered))
            {
                return;
            }
            _failedCalls++;
            if (_unreachable)
            {
                _answeringSince = null; // not steady yet
                return;
            }
            _unreachable = true;
            _since = clock.GetUtcNow();
            _answeringSince = null;
            _failedCalls = 1;
            Interlocked.Increment(ref _outages);
            cause = Cause = Describe(failure);
        }
        observer?.OutageStarted(Store, cause);
    }

    internal void Answered()
    {
        Interlocked.Exchange(ref _lastAnswered, clock.GetTimestamp());
        if (!_unreachable)
        {
            return; // the common case: no lock
        }
        TimeSpan duration;
        long failed;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_unreachable || (_answeringSince ??= now) + Steady > now)
            {
                return;
            }
            _unreachable = false;
            Cause = null;
            duration = _answeringSince.Value - _since;
            failed = _failedCalls;
        }
        observer?.OutageEnded(Store, duration, failed);
    }

    /// <summary>The innermost cause in one line: an HTTP status and error code, or the exception type and first message line.</summary>
    internal static string Describe(Exception failure)
    {
        var inner = failure;
        while (inner.InnerException is { } next && inner is not RequestFailedException { Status: > 0 })
        {
            inner = next;
        }
        return inner switch
        {
            RequestFailedException { Status: > 0 } failed => $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd(),
            BrokenCircuitException => "the circuit breaker is open after repeated failures",
            _ => $"{inner.GetType().Name}: {inner.Message.Split('\n')[0].Trim()}",
        };
    }
}
