using CircularPartners.DataSpace.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CircularPartners.DataSpace.Portal.Tests.Support;

/// <summary>What every browser test does on a page: sign in, check accessibility, keep a screenshot.</summary>
internal static class PageChecks
{
    /// <summary>
    /// Screenshots land in TestResults/portal/; with <c>CPDS_UPDATE_SCREENSHOTS=1</c> they replace the ones in
    /// docs/portal/ (linked from docs/portal.md), so an ordinary test run leaves the working tree as it found it.
    /// </summary>
    public static string ScreenshotDirectory => Environment.GetEnvironmentVariable("CPDS_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(RepositoryPaths.Root, "docs", "portal")
        : Path.Combine(RepositoryPaths.Root, "TestResults", "portal");

    /// <summary>Signs in through the development sign-in, choosing the participant by its visible name.</summary>
    public static async Task SignInAsync(IPage page, string participantName)
    {
        await page.GotoAsync("/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = $"{participantName} としてログイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/SignIn", StringComparison.Ordinal));
    }

    /// <summary>axe-core on the page as it stands: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(3))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"{page.Url}: " + string.Join(Environment.NewLine, blocking));
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
