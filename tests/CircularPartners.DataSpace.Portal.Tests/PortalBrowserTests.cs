using CircularPartners.DataSpace.Portal.Tests.Support;
using Microsoft.Playwright;
using static CircularPartners.DataSpace.Portal.Tests.Support.PageChecks;

namespace CircularPartners.DataSpace.Portal.Tests;

/// <summary>
/// The portal in Chromium against a real connector: signing in, the member directory, the coverage
/// map, a passport seen by two participants, the language switch, and axe on every main page.
/// </summary>
public sealed class PortalBrowserTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SignIn_NotSignedIn_OffersLocalParticipantsAndLandsSignedIn()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/Members");

        Assert.Contains("/SignIn", page.Url, StringComparison.Ordinal);
        Assert.Equal("ja", await page.Locator("html").GetAttributeAsync("lang"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = $"{PortalFixture.MakerName} としてログイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Members");
        Assert.Contains(PortalFixture.Maker, await page.Locator(".session").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_SearchAndFilter_ShowsMatchingMembers()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, PortalFixture.MakerName);

        await page.GotoAsync("/Members");
        var rows = page.Locator("#members tbody tr");
        Assert.Equal(5, await rows.CountAsync());
        Assert.Contains("輸送機械器具製造業", await rows.AllInnerTextsAsync() is var all ? string.Join("\n", all) : "", StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "members");

        await page.GetByLabel("種別").SelectOptionAsync("municipality");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索", Exact = true }).ClickAsync();
        Assert.Equal(["名古屋市"], await page.Locator("#members tbody tr td:first-child").AllInnerTextsAsync());

        await page.GotoAsync("/Members?q=リサイクル");
        Assert.Equal([PortalFixture.RecyclerName], await page.Locator("#members tbody tr td:first-child").AllInnerTextsAsync());
    }

    [Fact]
    public async Task Members_SecretariatJoinWithoutRole_ShowsTheFieldToFix()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "local-participant");
        await page.GotoAsync("/Members");

        await page.GetByLabel("参加者ID(法人番号)", new() { Exact = true }).Last.FillAsync("6060006000006");
        await page.GetByLabel("名称", new() { Exact = true }).Last.FillAsync("新規申込株式会社");
        await page.GetByRole(AriaRole.Button, new() { Name = "入会を登録" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("入力内容に誤りがあります");
        await Assertions.Expect(alert).ToContainTextAsync("participant.roles");
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Coverage_OpenCell_ShowsMeasuredCountsAndUseCase()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, PortalFixture.MakerName);

        await page.GotoAsync("/Coverage");
        await Assertions.Expect(page.Locator("#heatmap")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "coverage");

        await page.Locator("#heatmap a[href*='category=batteries&stage=Manufacturing']").ClickAsync();
        var cell = page.Locator("#cell");
        await Assertions.Expect(cell).ToContainTextAsync("1200");
        await cell.GetByRole(AriaRole.Link, new() { Name = "battery" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("蓄電池トレーサビリティ");
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/Coverage?mode=declared");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Passport_LookedUpByOwnerAndByAnotherMember_ShowsEachWhatItMaySee()
    {
        var owner = await fixture.NewPageAsync();
        await SignInAsync(owner, PortalFixture.MakerName);
        var member = await fixture.NewPageAsync();
        await SignInAsync(member, PortalFixture.RecyclerName);

        var ownerFields = await LookUpAsync(owner);
        var memberFields = await LookUpAsync(member);

        Assert.Contains("/passportId", memberFields);
        Assert.True(memberFields.Count < ownerFields.Count, $"member sees {memberFields.Count} fields, owner {ownerFields.Count}");
        Assert.Subset(ownerFields.ToHashSet(), memberFields.ToHashSet());
        await AssertAccessibleAsync(owner);
        await ScreenshotAsync(owner, "passport-owner");
        await ScreenshotAsync(member, "passport-member");
    }

    [Fact]
    public async Task MyData_Owner_SeesItsPassportsAndAccessLog()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, PortalFixture.MakerName);

        await page.GotoAsync("/Passports/Mine");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = fixture.PassportId })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());
        Assert.Contains("使用済みバッテリーの再資源化向け", await page.Locator("#offers").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(PortalFixture.Recycler, await page.Locator("#agreements").InnerTextAsync(), StringComparison.Ordinal);
        var reads = page.Locator("#audit tbody tr", new() { HasText = PortalFixture.Recycler });
        Assert.True(await reads.CountAsync() > 0, "the recycler's read under its agreement is on the owner's access log");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "my-data");
    }

    [Fact]
    public async Task Proposals_MemberProposesSecretariatAccepts_BecomesAUseCase()
    {
        var member = await fixture.NewPageAsync();
        await SignInAsync(member, PortalFixture.RecyclerName);
        await member.GotoAsync("/Proposals");
        await member.GetByLabel("テーマ").FillAsync("使用済み太陽光パネルの回収");
        await member.GetByLabel("概要").FillAsync("パネルのガラスとアルミを再資源化する");
        await member.GetByLabel("リサイクル", new() { Exact = true }).CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "提案する" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).First).ToContainTextAsync("提案しました");
        await AssertAccessibleAsync(member);

        var secretariat = await fixture.NewPageAsync();
        await SignInAsync(secretariat, "local-participant");
        await secretariat.GotoAsync("/Proposals");
        await AssertAccessibleAsync(secretariat);
        await ScreenshotAsync(secretariat, "proposals");
        var row = secretariat.Locator("#proposals tbody tr", new() { HasText = "使用済み太陽光パネルの回収" });
        await row.GetByLabel("ユースケースID").FillAsync("solar-panels");
        await row.GetByRole(AriaRole.Button, new() { Name = "「使用済み太陽光パネルの回収」を承認" }).ClickAsync();
        // A Japanese theme needs the English name too; the refusal names the field in the member's words.
        await Assertions.Expect(secretariat.GetByRole(AriaRole.Alert)).ToContainTextAsync("名称(英語)");
        row = secretariat.Locator("#proposals tbody tr", new() { HasText = "使用済み太陽光パネルの回収" });
        await row.GetByLabel("ユースケースID").FillAsync("solar-panels");
        await row.GetByLabel("名称(英語)").FillAsync("Collection of end-of-life solar panels");
        await row.GetByRole(AriaRole.Button, new() { Name = "「使用済み太陽光パネルの回収」を承認" }).ClickAsync();

        await Assertions.Expect(secretariat.GetByRole(AriaRole.Status).First).ToContainTextAsync("solar-panels");
        await secretariat.GotoAsync("/UseCases/solar-panels");
        await Assertions.Expect(secretariat.Locator("h1")).ToContainTextAsync("使用済み太陽光パネルの回収");
        await Assertions.Expect(secretariat.Locator("main")).ToContainTextAsync("Collection of end-of-life solar panels");
    }

    [Fact]
    public async Task Language_SwitchToEnglish_TranslatesThePageAndItsLangAttribute()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, PortalFixture.MakerName);
        await page.GotoAsync("/Members");
        Assert.Equal("会員名簿", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Member directory");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.EndsWith("/Members", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "members-en");
        await page.GotoAsync("/Coverage");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Use-case coverage map");

        await page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ユースケース・カバレッジマップ");
    }

    [Fact]
    public async Task ConnectorDown_PageShowsPlainMessage_AndPortalRecovers()
    {
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, PortalFixture.MakerName);
        fixture.Channels.Down = true;
        try
        {
            var response = await page.GotoAsync("/Members");

            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("コネクタに接続できません");
            Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            fixture.Channels.Down = false;
        }
        await page.GotoAsync("/Members");
        Assert.Equal(5, await page.Locator("#members tbody tr").CountAsync());
    }

    private async Task<List<string>> LookUpAsync(IPage page)
    {
        await page.GotoAsync("/Passports");
        await page.GetByLabel("パスポートID").FillAsync(fixture.PassportId);
        await page.GetByRole(AriaRole.Button, new() { Name = "照会" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fields")).ToBeVisibleAsync();
        return [.. await page.Locator("#fields tbody tr td:first-child").AllInnerTextsAsync()];
    }
}
