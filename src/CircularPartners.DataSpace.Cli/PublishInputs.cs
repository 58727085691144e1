namespace CircularPartners.DataSpace.Cli;

/// <summary>Finds the documents to publish: one file, or every <c>*.json</c> under a directory.</summary>
internal static class PublishInputs
{
    private static readonly EnumerationOptions JsonFiles = new()
    {
        RecurseSubdirectories = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        // Hidden and system entries (.git, editor backups) are skipped by default.
    };

    /// <summary>The files in publication order: sorted ordinally so runs are repeatable across machines.</summary>
    public static IReadOnlyList<string> Resolve(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new CliUsageException($"no such file or directory: {path}");
        }

        var files = Directory.EnumerateFiles(path, "*.json", JsonFiles)
            .Where(file => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

        return files.Count > 0 ? files : throw new CliUsageException($"no *.json files under {path}");
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
