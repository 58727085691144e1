namespace CircularPartners.DataSpace.Portal.Tests.Support;

/// <summary>
/// The system Chromium (Debian package <c>chromium</c>), found as <c>command -v chromium</c> finds
/// it: Playwright's own browser download is not reachable here, so the tests drive this one.
/// </summary>
internal static class Chromium
{
    public const string Missing =
        "Chromium was not found on PATH: the browser tests need the Debian packages 'chromium' and 'fonts-noto-cjk' " +
        "(tools/test.sh installs them; by hand: apt-get install -y chromium fonts-noto-cjk). Set CPDS_CHROMIUM to use another executable.";

    public static string ExecutablePath()
    {
        var configured = Environment.GetEnvironmentVariable("CPDS_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"CPDS_CHROMIUM={configured} does not exist. " + Missing);
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException(Missing);
    }
}
