using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// The world the query property test runs in: a synthetic core and two use cases whose
/// <c>x-access</c> classes cover every shape the access filter knows (nested classes, arrays with
/// and without an item map, undescribed properties, an unknown class name, owner-only fields),
/// and bodies that scatter facet values over those places.
/// </summary>
internal static class QueryVisibilityWorld
{
    public static readonly string[] Owners = ["1010001000001", "2010001000002", "3010001000003"];
    public const string Outsider = "9010001000009";
    public static readonly string[] MaterialValues = ["Graphite", "cobalt", "nickel", "natural graphite", "flake powder", "powder"];
    public static readonly string[] CasValues = ["7782-42-5", "7440-48-4", "7440-02-0"];
    public static readonly string[] Categories = ["batteries", "batteries/ev", "batteries/ev/pack", "textiles"];

    /// <summary>Where a facet value can sit in a body: each place reaches readers at a different level.</summary>
    public static readonly string[] Places =
        ["open", "composition", "composition-detail", "raw", "secret", "restricted", "owned", "probe-undescribed", "raw-nested"];

    private const string Core = """
        {"type":"object","properties":{
          "passportId":{"x-access":"public","type":"string"},
          "product":{"x-access":"public","type":"object","properties":{"category":{"x-access":"legitimate-interest","type":"string"}}},
          "recycledContentPercent":{"x-access":"authority","type":"number"}}}
        """;

    private const string Probe = """
        {"type":"object","properties":{"probe":{"x-access":"public","type":"object","properties":{
          "open":{"x-access":"public","type":"object","properties":{"materialName":{"x-access":"public","type":"string"},"casNumber":{"x-access":"participant","type":"string"}}},
          "composition":{"x-access":"legitimate-interest","type":"array","items":{"type":"object","properties":{
            "materialName":{"x-access":"public","type":"string"},"casNumber":{"x-access":"legitimate-interest","type":"string"},
            "detail":{"x-access":"authority","type":"object","properties":{"casNumber":{"x-access":"public","type":"string"}}}}}},
          "raw":{"x-access":"participant","type":"array"},
          "secret":{"x-access":"trade-secret","type":"object"},
          "restricted":{"x-access":"authority","type":"object","properties":{"casNumber":{"x-access":"authority","type":"string"},"materialName":{"x-access":"participant","type":"string"}}},
          "owned":{"x-access":"owner","type":"object","properties":{"casNumber":{"x-access":"owner","type":"string"}}}}}}}
        """;

    private const string Plain = """{"type":"object"}""";

    public static SchemaRegistry Schemas { get; } = LoadSchemas();

    /// <summary>A body with each (place, material, CAS) slot written where its place says.</summary>
    public static string Body(string passportId, string? category, int? recycled, IEnumerable<(int Place, int? Material, int? Cas)> slots)
    {
        var body = new JsonObject { ["passportId"] = passportId };
        if (category is not null)
        {
            body["product"] = new JsonObject { ["category"] = category };
        }
        if (recycled is { } percent)
        {
            body["recycledContentPercent"] = percent;
        }
        var probe = new JsonObject();
        foreach (var (place, material, cas) in slots)
        {
            var values = new JsonObject();
            if (material is { } m)
            {
                values["materialName"] = MaterialValues[m];
            }
            if (cas is { } c)
            {
                values["casNumber"] = CasValues[c];
            }
            switch (Places[place])
            {
                case "composition":
                    Array(probe, "composition").Add(values);
                    break;
                case "composition-detail":
                    Array(probe, "composition").Add(new JsonObject { ["detail"] = values });
                    break;
                case "raw":
                    Array(probe, "raw").Add(values);
                    break;
                case "raw-nested":
                    Array(probe, "raw").Add(new JsonArray(new JsonObject { ["deeper"] = values }));
                    break;
                case "probe-undescribed":
                    Array(probe, "notes").Add(values);
                    break;
                default:
                    Merge(probe, Places[place], values);
                    break;
            }
        }
        if (probe.Count > 0)
        {
            body["probe"] = probe;
        }
        return body.ToJsonString();
    }

    private static JsonArray Array(JsonObject parent, string name) =>
        parent[name] as JsonArray ?? (JsonArray)(parent[name] = new JsonArray());

    /// <summary>Adds the values to the object at <paramref name="name"/>; a second value for a key goes into a nested object.</summary>
    private static void Merge(JsonObject parent, string name, JsonObject values)
    {
        var target = parent[name] as JsonObject ?? (JsonObject)(parent[name] = new JsonObject());
        foreach (var (key, value) in values.ToList())
        {
            values.Remove(key);
            if (target.ContainsKey(key))
            {
                target["more" + target.Count] = new JsonObject { [key] = value };
            }
            else
            {
                target[key] = value;
            }
        }
    }

    private static SchemaRegistry LoadSchemas()
    {
        var directory = Directory.CreateTempSubdirectory("cpds-query-world-").FullName;
        try
        {
            foreach (var (id, text) in new[] { ("core", Core), ("probe", Probe), ("plain", Plain) })
            {
                Directory.CreateDirectory(Path.Combine(directory, id));
                File.WriteAllText(Path.Combine(directory, id, "1.0.json"), text);
            }
            return SchemaRegistry.Load(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>A passport store in memory, for domain tests that need no durability.</summary>
internal sealed class InMemoryPassportStore : IPassportStore
{
    private readonly Dictionary<string, List<PassportRecord>> _versions = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public Task<PassportRecord> AppendAsync(NewPassportVersion version, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (!_versions.TryGetValue(version.PassportId, out var history))
        {
            _versions[version.PassportId] = history = [];
            _order.Add(version.PassportId);
        }
        if (expectedVersion is { } expected && expected != history.Count)
        {
            throw new VersionConflictException(version.PassportId, expected, history.Count);
        }
        var record = version.ToRecord(history.Count + 1, history.Count > 0 ? history[0].CreatedAt : version.PublishedAt);
        history.Add(record);
        return Task.FromResult(record);
    }

    public Task<PassportRecord?> GetAsync(string passportId, long? version, CancellationToken cancellationToken) =>
        Task.FromResult(_versions.TryGetValue(passportId, out var history)
            ? version is { } v ? history.FirstOrDefault(r => r.Version == v) : history[^1]
            : null);

    public Task<IReadOnlyList<PassportRecord>> HistoryAsync(string passportId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PassportRecord>>(_versions.TryGetValue(passportId, out var history) ? [.. history] : []);

    public async IAsyncEnumerable<PassportRecord> ReadLatestAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var id in _order)
        {
            await Task.Yield();
            yield return _versions[id][^1];
        }
    }
}
