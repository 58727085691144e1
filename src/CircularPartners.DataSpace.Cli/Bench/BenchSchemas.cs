namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>Finds the schema directory: the one given, the copy beside <c>cpds</c>, or a <c>schemas/</c> above it.</summary>
internal static class BenchSchemas
{
    private const string CoreSchema = "core/1.0.json";

    public static string Locate(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return File.Exists(Path.Combine(given, CoreSchema))
                ? given
                : throw new CliUsageException($"--schemas {given}: no {CoreSchema} there.");
        }

        // A source checkout run with `dotnet run` has the copy in bin/; a trimmed install may not.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas");
            if (File.Exists(Path.Combine(candidate, CoreSchema)))
            {
                return candidate;
            }
        }

        throw new CliUsageException($"schemas/ not found beside {AppContext.BaseDirectory} or above it; pass --schemas DIR.");
    }
}
