using System.Diagnostics;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>
/// Index memory per passport, build (rebuild) time and query latency percentiles at scale, with
/// realistic facet cardinalities: ~2,000 materials, ~5,000 CAS numbers, 40 categories. Material
/// and CAS values sit at mixed access levels (public, participant, legitimate interest); queries
/// run as an owner-level reader and as a member (participant), who must skip what it cannot see.
/// </summary>
internal static class IndexScale
{
    public static void Run(int passports)
    {
        var random = new Random(42);
        var materials = Enumerable.Range(0, 2000).Select(i => $"material-{i}").ToArray();
        var cas = Enumerable.Range(0, 5000).Select(i => $"{1000 + i}-{i % 100:D2}-{i % 10}").ToArray();
        var categories = Enumerable.Range(0, 40).Select(i => $"group-{i % 8}/category-{i}").ToArray();
        var useCases = new[] { "cmp", "textile", "construction", "office-equipment", "battery" };
        var owners = Enumerable.Range(0, 600).Select(i => $"{1010001000000 + i}").ToArray();
        var published = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new PassportIndex();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < passports; i++)
        {
            string[] passportMaterials = [.. Enumerable.Range(0, 3).Select(_ => materials[random.Next(materials.Length)]).Distinct().Order(StringComparer.Ordinal)];
            string[] passportCas = [.. Enumerable.Range(0, 4).Select(_ => cas[random.Next(cas.Length)]).Distinct().Order(StringComparer.Ordinal)];
            var facets = new PassportFacets(useCases[i % 5], categories[random.Next(categories.Length)], passportMaterials, passportCas, random.Next(0, 100))
            {
                MaterialLevels = Array.ConvertAll(passportMaterials, _ => (AccessLevel)random.Next(0, 3)),
                CasLevels = Array.ConvertAll(passportCas, _ => (AccessLevel)random.Next(0, 3)),
                CategoryLevel = AccessLevel.Public,
                RecycledContentLevel = AccessLevel.Public,
            };
            index.Upsert(new PassportRecord($"https://id.gs1.org/01/0456998710{i % 10000:D4}/21/SN{i:D9}", 1, owners[i % owners.Length], useCases[i % 5] + "/1.0",
                Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadRight(64, '0'), published, published, PassportStatus.Active, "", null, facets));
        }
        var build = watch.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"index-scale passports={passports:N0}");
        Console.WriteLine($"  build (= rebuild without disk) : {build.TotalSeconds:F1} s ({passports / build.TotalSeconds:N0} passports/s)");
        Console.WriteLine($"  memory per passport            : {(after - before) / (double)passports:F0} bytes (target <= 1024)");
        foreach (var (reader, levelFor) in new (string, Func<PassportRecord, AccessLevel>)[] { ("owner", _ => AccessLevel.Owner), ("member", _ => AccessLevel.Participant) })
        {
            Report($"query single CAS ({reader})", () => index.Query(new PassportQuery([], [cas[random.Next(cas.Length)]]), "caller", levelFor));
            Report($"query single material ({reader})", () => index.Query(new PassportQuery([materials[random.Next(materials.Length)]], []), "caller", levelFor));
            Report($"query category + CAS ({reader})", () => index.Query(new PassportQuery([], [cas[random.Next(cas.Length)]], Category: categories[random.Next(categories.Length)].Split('/')[0]), "caller", levelFor));
        }
        GC.KeepAlive(index);
    }

    private static void Report(string name, Func<PassportPage> query)
    {
        for (var i = 0; i < 200; i++)
        {
            query();
        }
        var samples = new double[2000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            query();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        Console.WriteLine($"  {name,-38} : p50 {samples[samples.Length / 2]:F3} ms, p99 {samples[(int)(samples.Length * 0.99)]:F3} ms (target p99 <= 5 ms)");
    }
}
