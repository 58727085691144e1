namespace CircularPartners.DataSpace.Cli;

/// <summary>Finds the documents to publish or import: one file, or every file with one of the given extensions under a directory.</summary>
internal static class PublishInputs
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        // Hidden and system entries (.git, editor backups) are skipped by default.
    };

    /// <summary>The files in publication order: sorted ordinally so runs are repeatable across machines.</summary>
    public static IReadOnlyList<string> Resolve(string path) => Resolve(path, ".json");

    public static IReadOnlyList<string> Resolve(string path, params string[] extensions)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new CliUsageException($"no such file or directory: {path}");
        }

        var files = Directory.EnumerateFiles(path, "*", Recursive)
            .Where(file => extensions.Any(extension => file.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();

        return files.Count > 0 ? files : throw new CliUsageException($"no {string.Join(" or ", extensions.Select(e => "*" + e))} files under {path}");
    }

    public static async Task<byte[]> ReadAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            // Raw bytes: the connector detects UTF-8 or UTF-16 (with BOM) and checks the encoding.
            return await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {file}: {ex.Message}");
        }
    }
}
