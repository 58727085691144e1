using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>The coverage map as files: JSON (for tools), CSV (for spreadsheets), SVG (see <see cref="CoverageSvg"/>).</summary>
public static class CoverageExport
{
    public static readonly IReadOnlyList<string> Formats = ["json", "csv", "svg"];

    public const string CsvHeader = "category,stage,declared_use_cases,statuses,passports,lifecycle_events,members,declared_without_data,data_without_use_case";

    /// <summary>Renders <paramref name="map"/> in <paramref name="format"/>; returns the content and its media type.</summary>
    public static (string Content, string ContentType) Render(CoverageMap map, string format) => format switch
    {
        "" or "json" => (Json(map), "application/json"),
        "csv" => (Csv(map), "text/csv; charset=utf-8"),
        "svg" => (CoverageSvg.Render(map), "image/svg+xml"),
        _ => throw new RegistryValidationException($"Unknown export format '{format}'.",
            [new Validation.Violation("/format", "enum", "The format is one of json, csv, svg.")]),
    };

    /// <summary>One line per category × stage, the whole grid, with a header row.</summary>
    public static string Csv(CoverageMap map)
    {
        var csv = new StringBuilder().Append(CsvHeader).Append("\r\n");
        foreach (var cell in map.Cells)
        {
            csv.AppendJoin(',',
                Field(cell.Category),
                LifecycleStages.Name(cell.Stage),
                Field(string.Join(' ', cell.Declared.Select(d => d.UseCaseId))),
                Field(string.Join(' ', cell.Declared.Select(d => LifecycleStages.StatusName(d.Status)))),
                cell.Passports,
                cell.LifecycleEvents,
                cell.Members,
                cell.DeclaredWithoutData ? "true" : "false",
                cell.DataWithoutUseCase ? "true" : "false").Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Rows, stages and the non-empty cells, in the field names of the gRPC contract.</summary>
    public static string Json(CoverageMap map)
    {
        var root = new JsonObject
        {
            ["generatedAt"] = map.GeneratedAt.ToString("O"),
            ["reportingMembers"] = map.ReportingMembers,
            ["stages"] = new JsonArray([.. LifecycleStages.All.Select(s => (JsonNode)LifecycleStages.Name(s))]),
            ["categories"] = new JsonArray([.. map.Rows.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["nameJa"] = r.NameJa,
                ["nameEn"] = r.NameEn,
                ["parentId"] = r.ParentId,
                ["registered"] = !map.UnregisteredCategories.Contains(r.Id),
            })]),
            ["cells"] = new JsonArray([.. map.Cells.Where(c => !c.IsEmpty).Select(c => (JsonNode)new JsonObject
            {
                ["category"] = c.Category,
                ["stage"] = LifecycleStages.Name(c.Stage),
                ["declared"] = new JsonArray([.. c.Declared.Select(d => (JsonNode)new JsonObject
                {
                    ["useCaseId"] = d.UseCaseId,
                    ["status"] = LifecycleStages.StatusName(d.Status),
                })]),
                ["passports"] = c.Passports,
                ["lifecycleEvents"] = c.LifecycleEvents,
                ["members"] = c.Members,
                ["declaredWithoutData"] = c.DeclaredWithoutData,
                ["dataWithoutUseCase"] = c.DataWithoutUseCase,
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
