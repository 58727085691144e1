using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Storage.AzureBlob;
using Google.Rpc;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// The connector's own metrics, all on one <see cref="Meter"/> named <see cref="MeterName"/>
/// (instrument names and units are listed in docs/operations.md). Recording costs a flag check
/// while nobody listens: no exporter configured, no <c>dotnet-counters</c> attached.
/// </summary>
internal sealed class ConnectorMetrics : IValidationObserver
{
    public const string MeterName = "CircularPartners.DataSpace";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _publishes;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _validation;
    private readonly Histogram<double> _auditAppend;
    private readonly Histogram<double> _journalLag;
    private readonly ConcurrentDictionary<string, CircuitState> _circuits = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private long _lastChangePublishedTicks;

    /// <param name="services">
    /// Where the passport store is found when the damage gauge is read, not before: the store
    /// may be built after these metrics, and must not depend on them.
    /// </param>
    public ConnectorMetrics(IMeterFactory meters, TimeProvider time, IServiceProvider services)
    {
        _time = time;
        _services = services;
        var meter = meters.Create(MeterName);
        _publishes = meter.CreateCounter<long>("cpds.publish.records", "{version}",
            "Passport versions submitted for publishing (unary and stream), by outcome: published, refused (the caller's fault) or failed.");
        _refusals = meter.CreateCounter<long>("cpds.refusals", "{call}",
            "Calls (and streamed records) refused, by gRPC method, reason and the policy rule or limit that refused them.");
        _validation = meter.CreateHistogram("cpds.publish.validation.duration", "s",
            "Time to validate one passport body (size, encoding, canonical JSON, schema), by result.", advice: Seconds());
        _auditAppend = meter.CreateHistogram("cpds.audit.append.duration", "s",
            "Time until an access decision is durably in the audit log (group commit included).", advice: Seconds());
        _journalLag = meter.CreateHistogram("cpds.replica.journal.lag", "s",
            "Time from a version's publication (on any replica) until this replica's query index holds it.", advice: Seconds());
        meter.CreateObservableGauge("cpds.replica.last_change.age", LastChangeAge, "s",
            "Age of the newest version this replica took in from the shared store's change feed.");
        meter.CreateObservableGauge("cpds.provider.circuit.state", CircuitStates, "{state}",
            "Circuit breaker of calls to each provider connector: 0 closed, 1 half-open, 2 open.");
        meter.CreateObservableGauge("cpds.store.damaged.ranges", () => Damage().Count, "{range}",
            "Damaged stretches of the passport store found at start-up or on a read (health says Degraded while any exist).");
        meter.CreateObservableGauge("cpds.store.unreachable", () => Outage()?.Unreachable == true ? 1 : 0, "{state}",
            "1 while the shared (Azure Blob) store does not answer, from the first failed call of an outage to the first answered one; 0 otherwise.");
        meter.CreateObservableCounter("cpds.store.outages", () => Outage()?.Outages ?? 0, "{outage}",
            "Outages of the shared store since start-up; each is logged once when it starts and once when it ends.");
        meter.CreateObservableGauge("cpds.store.damaged.versions", () => Damage().Sum(d => d.Versions.Count), "{version}",
            "Passport versions in those stretches, named and not served (cpds store verify lists them).");
    }

    /// <summary>The state of one provider's circuit breaker.</summary>
    public enum CircuitState
    {
        Closed = 0,
        HalfOpen = 1,
        Open = 2,
    }

    public bool Enabled => _validation.Enabled;

    public void Validated(TimeSpan elapsed, bool valid) =>
        _validation.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", valid ? "valid" : "invalid"));

    public void Published() => _publishes.Add(1, new KeyValuePair<string, object?>("outcome", "published"));

    /// <summary>
    /// A call (or one streamed record) ended in <paramref name="status"/>: a refusal is counted
    /// with its reason and rule, and for publish methods the record's outcome too.
    /// </summary>
    public void Failed(string method, Status status, bool publish)
    {
        var refused = RefusalReasons.IsRefusal(status.Code);
        if (publish && _publishes.Enabled)
        {
            _publishes.Add(1, new KeyValuePair<string, object?>("outcome", refused ? "refused" : "failed"));
        }
        if (refused && _refusals.Enabled)
        {
            var (reason, rule) = RefusalReasons.Of(status);
            _refusals.Add(1, new("rpc.method", method), new("reason", reason), new("rule", rule));
        }
    }

    /// <summary>A timestamp for <see cref="AuditAppended"/>; 0 (no clock read) while nobody listens.</summary>
    public long AuditStarted() => _auditAppend.Enabled ? _time.GetTimestamp() : 0;

    public void AuditAppended(long started)
    {
        if (started != 0)
        {
            _auditAppend.Record(_time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The change feed brought a version published at <paramref name="publishedAt"/> into this replica's index.</summary>
    public void ChangeApplied(DateTimeOffset publishedAt)
    {
        // One follower writes; collection reads. Older versions arriving late do not move it back.
        if (publishedAt.UtcTicks > Interlocked.Read(ref _lastChangePublishedTicks))
        {
            Interlocked.Exchange(ref _lastChangePublishedTicks, publishedAt.UtcTicks);
        }
        if (_journalLag.Enabled)
        {
            _journalLag.Record(Math.Max(0, (_time.GetUtcNow() - publishedAt).TotalSeconds));
        }
    }

    public void Circuit(string provider, CircuitState state) => _circuits[provider] = state;

    private static InstrumentAdvice<double> Seconds() => new() { HistogramBucketBoundaries = SecondsBuckets };

    private IEnumerable<Measurement<double>> LastChangeAge()
    {
        var ticks = Interlocked.Read(ref _lastChangePublishedTicks);
        return ticks == 0 ? [] : [new((_time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero)).TotalSeconds)];
    }

    private IEnumerable<Measurement<int>> CircuitStates() =>
        _circuits.Select(c => new Measurement<int>((int)c.Value, new KeyValuePair<string, object?>("provider", c.Key)));

    private StoreOutageMonitor? Outage() => _services.GetService(typeof(StoreOutageMonitor)) as StoreOutageMonitor;

    private IReadOnlyList<StoreDamage> Damage() =>
        _services.GetService(typeof(IPassportStore)) is IStoreIntegrity integrity ? integrity.Damage : [];
}
