using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>Writes a result as one aligned human line (plus details), or as one JSON object.</summary>
internal static class BenchReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(BenchResult result, CommandContext context)
    {
        if (context.Json)
        {
            context.Out.WriteLine(ToJson(result));
            return;
        }

        var m = result.Measured;
        var ceiling = result.Ceiling switch
        {
            { PerSecond: { } perSecond } => $"ceiling ({result.Ceiling.Name}) {Rate(perSecond)}",
            { LatencyMs: { } latency } => $"ceiling ({result.Ceiling.Name}) {Ms(latency)}",
            _ => $"ceiling ({result.Ceiling.Name}) n/a",
        };
        var ratio = result.Ratio is { } r ? $"   ratio {r.ToString("0.00", Invariant)}" : string.Empty;
        context.Out.WriteLine(
            $"{result.Scenario,-9} {Rate(m.Throughput),10}  p50 {Ms(m.P50Ms)}  p99 {Ms(m.P99Ms)}   {ceiling}{ratio}");
        if (result.Ceiling.Stats is { } c)
        {
            context.Out.WriteLine($"{"",-9} ceiling p50 {Ms(c.P50Ms)}  p99 {Ms(c.P99Ms)}");
        }

        context.Out.WriteLine(
            $"{"",-9} {m.Calls.ToString("N0", Invariant)} calls ({result.LatencyUnit}), concurrency {result.Concurrency}, " +
            $"{m.Elapsed.TotalSeconds.ToString("0.00", Invariant)} s, max {Ms(m.MaxMs)}, errors {m.Errors.ToString("N0", Invariant)}");
        foreach (var (key, value) in result.Details)
        {
            context.Out.WriteLine($"{"",-9} {key}: {value}");
        }
    }

    public static string ToJson(BenchResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("scenario", result.Scenario);
            json.WriteNumber("concurrency", result.Concurrency);
            json.WriteString("latencyUnit", result.LatencyUnit);
            WriteStats(json, result.Measured);
            json.WriteStartObject("ceiling");
            json.WriteString("name", result.Ceiling.Name);
            WriteNumberOrNull(json, "throughputPerSecond", result.Ceiling.PerSecond);
            WriteNumberOrNull(json, "latencyMs", result.Ceiling.LatencyMs);
            if (result.Ceiling.Stats is { } ceilingStats)
            {
                json.WriteStartObject("measured");
                WriteStats(json, ceilingStats);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            WriteNumberOrNull(json, "ratio", result.Ratio);
            json.WriteStartObject("details");
            foreach (var (key, value) in result.Details)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("machine");
            json.WriteNumber("processorCount", Environment.ProcessorCount);
            json.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
            json.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStats(Utf8JsonWriter json, LatencyStats stats)
    {
        json.WriteNumber("calls", stats.Calls);
        json.WriteNumber("items", stats.Items);
        json.WriteNumber("errors", stats.Errors);
        json.WriteNumber("elapsedMs", Round(stats.Elapsed.TotalMilliseconds));
        json.WriteNumber("throughputPerSecond", Round(stats.Throughput));
        json.WriteStartObject("latencyMs");
        json.WriteNumber("p50", Round(stats.P50Ms));
        json.WriteNumber("p99", Round(stats.P99Ms));
        json.WriteNumber("max", Round(stats.MaxMs));
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Round(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : 0;

    private static string Rate(double perSecond) => perSecond.ToString("N0", Invariant) + "/s";

    private static string Ms(double milliseconds) =>
        milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", Invariant) + " ms";
}
