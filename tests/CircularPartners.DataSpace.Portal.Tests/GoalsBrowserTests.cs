using System.Text;
using CircularPartners.DataSpace.Portal.Tests.Support;
using Microsoft.Playwright;
using static CircularPartners.DataSpace.Portal.Tests.Support.PageChecks;

namespace CircularPartners.DataSpace.Portal.Tests;

/// <summary>A member registers a goal and reports on it; the secretariat sees it in the analytics and downloads the CSV.</summary>
public sealed class GoalsBrowserTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Title = "使用済みバッテリーの回収率向上";

    [Fact]
    public async Task Goal_RegisteredAndReported_ShowsProgressAndCountsInAnalytics()
    {
        var member = await fixture.NewPageAsync();
        await SignInAsync(member, PortalFixture.MakerName);
        await member.GotoAsync("/Goals");
        await member.GetByLabel("目標の名称", new() { Exact = true }).FillAsync(Title);
        await member.GetByLabel("目標設定の区分").SelectOptionAsync("collection");
        await member.GetByLabel("目標の種類").SelectOptionAsync("quantitative");
        await member.GetByLabel("単位", new() { Exact = true }).FillAsync("%");
        await member.GetByLabel("基準年").FillAsync("2024");
        await member.GetByLabel("基準値").FillAsync("40");
        await member.GetByLabel("目標年").FillAsync("2030");

        // No target value: the connector's refusal names the field.
        await member.GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("target_value");
        await Assertions.Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("目標値");

        await member.GetByLabel("目標値").FillAsync("80");
        await member.GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).First).ToContainTextAsync("登録しました");
        await member.Locator("#goals").GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await member.GetByLabel("期間", new() { Exact = true }).FillAsync("2026");
        await member.GetByLabel("実績値 (%)").FillAsync("55");
        await member.GetByRole(AriaRole.Button, new() { Name = "報告", Exact = true }).ClickAsync();

        await Assertions.Expect(member.Locator("main")).ToContainTextAsync("進捗 37.5 %");
        await AssertAccessibleAsync(member);
        await ScreenshotAsync(member, "goal");

        // Editing: a later target moves the progress (55 from 40 toward 100 is a quarter).
        await member.GetByLabel("目標値").FillAsync("100");
        await member.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).First).ToContainTextAsync("更新しました");
        await Assertions.Expect(member.Locator("main")).ToContainTextAsync("進捗 25.0 %");
        await member.GotoAsync("/Goals");
        await AssertAccessibleAsync(member);
        await ScreenshotAsync(member, "goals");

        var secretariat = await fixture.NewPageAsync();
        await SignInAsync(secretariat, "local-participant");
        await secretariat.GotoAsync("/Analytics");
        var industry = secretariat.Locator("#submission-table tbody tr", new() { HasText = "輸送機械器具製造業" });
        Assert.Equal(["輸送機械器具製造業", "1", "1", "100.0 %"], await industry.Locator("td").AllInnerTextsAsync());
        var indicator = secretariat.Locator("#indicator-table tbody tr", new() { HasText = "出口側の循環利用率" });
        Assert.Equal("1", await indicator.Locator("td").Nth(1).InnerTextAsync());
        await AssertAccessibleAsync(secretariat);
        await ScreenshotAsync(secretariat, "analytics");

        var download = await secretariat.RunAndWaitForDownloadAsync(() =>
            secretariat.Locator("#submission").Locator("xpath=following-sibling::p[1]").GetByRole(AriaRole.Link).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("輸送機械器具製造業", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analytics_Member_ShowsTheRefusingRule()
    {
        var member = await fixture.NewPageAsync();
        await SignInAsync(member, PortalFixture.RecyclerName);

        await member.GotoAsync("/Analytics");

        await Assertions.Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("membership.secretariat-only");
        Assert.Equal(0, await member.Locator("#submission-table").CountAsync());
    }
}
