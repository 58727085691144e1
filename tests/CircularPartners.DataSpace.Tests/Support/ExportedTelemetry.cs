using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// In-memory OpenTelemetry exporters for one connector host (register with
/// <see cref="ConnectorHost.ExtraServices"/> beside <see cref="Settings"/>). Listeners are
/// process-wide, so spans of other hosts running at the same time may show up too: assert on
/// what must be there, never on what must not.
/// </summary>
public sealed class ExportedTelemetry
{
    private readonly Synchronized<Activity> _spans = new();
    private readonly Synchronized<MetricSnapshot> _metrics = new();
    private readonly Synchronized<LogRecord> _logs = new();

    /// <summary>Telemetry on, exported nowhere but here.</summary>
    public static Dictionary<string, string> Settings => new() { ["Telemetry:Enabled"] = "true", ["Telemetry:Exporter"] = "None" };

    public void Register(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddInMemoryExporter(_logs));
    }

    /// <summary>Log records exported so far (the exporter keeps copies; the SDK's own records are pooled).</summary>
    public IReadOnlyList<LogRecord> Logs => _logs.Snapshot();

    /// <summary>
    /// The first finished span matching <paramref name="match"/>. A server span ends after its
    /// response reached the client, so it is waited for (bounded, not timed).
    /// </summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> match, string what)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_spans.Snapshot().FirstOrDefault(match) is { } span)
            {
                return span;
            }
            await Task.Delay(25);
        }
        var seen = string.Join(", ", _spans.Snapshot().Select(s => $"{s.Kind} {s.DisplayName}").Distinct());
        throw new Xunit.Sdk.XunitException($"No span for {what}; exported: {seen}");
    }

    /// <summary>Collects the host's metrics now and returns every exported point of <paramref name="instrument"/>.</summary>
    public IReadOnlyList<MetricPoint> Points(ConnectorHost host, string instrument)
    {
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var points = new List<MetricPoint>();
        foreach (var snapshot in _metrics.Snapshot().Where(m => m.Name == instrument))
        {
            points.AddRange(snapshot.MetricPoints);
        }
        return points;
    }

    /// <summary>Whether <paramref name="span"/> is about gRPC method <paramref name="method"/> (e.g. "PassportService/Publish").</summary>
    public static bool IsCallTo(Activity span, string method) =>
        span.DisplayName.EndsWith(method, StringComparison.Ordinal)
        || (span.GetTagItem("grpc.method") as string)?.EndsWith(method, StringComparison.Ordinal) == true;

    public static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }
        return null;
    }

    /// <summary>A collection the exporters add to from any thread while the test reads it.</summary>
    private sealed class Synchronized<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count => Snapshot().Count;

        public bool IsReadOnly => false;

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public List<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
