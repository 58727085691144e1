using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>
/// The secretariat's analytics over an imported, realistic data set (600 members, 350+ goals),
/// each table compared with one computed independently from the generated rows, over gRPC, REST
/// and CSV.
/// </summary>
public sealed class GoalAnalyticsTests(GoalAnalyticsFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<GoalAnalyticsFixture>
{
    private const string Now = "2026-11-30";
    private readonly GoalDataSet _data = fixture.Data;

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private ExpectedTables Expected(string asOf) => new(_data, Date(asOf), reportsCount: string.CompareOrdinal(asOf, "2026-11-28") >= 0);

    [Fact]
    public void Import_GeneratedDataSet_EveryRowCreatedNoneRefused()
    {
        output.WriteLine(fixture.Timings);
        Assert.Equal(600, fixture.MembersImported.Created);
        Assert.Equal(0, fixture.MembersImported.Refused);
        Assert.True(_data.Goals.Count >= 350, $"only {_data.Goals.Count} goals generated");
        Assert.Equal(_data.Goals.Count, fixture.GoalsImported.Created);
        Assert.Equal(0, fixture.GoalsImported.Refused);
        Assert.Equal(32, _data.Members.Select(m => m.Industry).Distinct().Count());
    }

    [Theory]
    [InlineData(Now)]
    [InlineData("2024-03-31")]
    public async Task SubmissionRates_AsOfADate_MatchTheIndependentCount(string asOf)
    {
        var table = await fixture.Secretariat().GetSubmissionRatesAsync(new AnalyticsRequest { AsOf = asOf });

        var (rows, total) = Expected(asOf).SubmissionRates();
        Assert.Equal(rows, table.Rows.Select(r => new ExpectedRate(r.NameJa, r.Members, r.Submitted, r.SharePercent)));
        Assert.Equal(total, new ExpectedRate(table.Total.NameJa, table.Total.Members, table.Total.Submitted, table.Total.SharePercent));
        Assert.Equal(asOf, table.AsOf);
    }

    [Theory]
    [InlineData(Now)]
    [InlineData("2025-06-30")]
    public async Task GoalsByIndicator_GoalUnderTwoIndicators_CountsInBoth(string asOf)
    {
        var table = await fixture.Secretariat().GetGoalsByIndicatorAsync(new AnalyticsRequest { AsOf = asOf });

        var (rows, sum) = Expected(asOf).GoalsByIndicator();
        Assert.Equal(rows, table.Rows.Select(r => new ExpectedCount(r.Indicator, r.Goals, r.SharePercent)));
        Assert.Equal(sum, table.Total.Goals);
        Assert.True(table.Total.Goals > table.DistinctGoals, "some goals count under two indicators");
    }

    [Fact]
    public async Task GoalsByKind_MatchTheIndependentCount()
    {
        var table = await fixture.Secretariat().GetGoalsByKindAsync(new AnalyticsRequest { AsOf = Now });

        Assert.Equal(Expected(Now).GoalsByKind(), table.Rows.Select(r => new ExpectedCount(r.Kind, r.Goals, r.SharePercent)));
        Assert.Equal(_data.Goals.Count(g => g.Submitted <= Date(Now)), table.Total.Goals);
    }

    [Theory]
    [InlineData(Now)]
    [InlineData("2026-06-30")]
    public async Task Progress_PerIndicator_MatchesTheIndependentMedians(string asOf)
    {
        var table = await fixture.Secretariat().GetProgressAsync(new AnalyticsRequest { AsOf = asOf });
        output.WriteLine(FormattableString.Invariant($"as of {asOf}: {table.Total.Goals} goals, {table.Total.GoalsWithReports} with reports, {table.Total.GoalsWithProgress} with progress, median {table.Total.MedianProgressPercent} %"));

        var (rows, total) = Expected(asOf).Progress();
        Assert.Equal(rows, table.Rows.Select(Actual));
        Assert.Equal(total, Actual(table.Total));
        Assert.True(asOf != Now || total.WithProgress > 100, "the data set reports on many goals");
    }

    [Theory]
    [InlineData(Now, 12)]
    [InlineData(Now, 6)]
    [InlineData("2024-03-31", 12)]
    public async Task PendingSubmitters_JoinedMoreThanNMonthsAgoWithoutGoal_ListedExemptLeftOut(string asOf, int months)
    {
        var table = await fixture.Secretariat().GetPendingSubmittersAsync(new AnalyticsRequest { AsOf = asOf, Months = months });

        var expected = Expected(asOf).PendingSubmitters(months);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, table.Members.Select(m => m.ParticipantId));
        var withExempt = await fixture.Secretariat().GetPendingSubmittersAsync(new AnalyticsRequest { AsOf = asOf, Months = months, IncludeExempt = true });
        Assert.Contains(withExempt.Members, m => m.Kind is "university" or "research" or "school");
    }

    [Fact]
    public async Task Reimport_SameFiles_ChangesNothing()
    {
        var secretariat = fixture.Secretariat();
        var before = await secretariat.ListGoalsAsync(new ListGoalsRequest());

        var members = await secretariat.ImportMembersAsync(new ImportMembersRequest { Csv = _data.MembersCsv() });
        var goals = await secretariat.ImportGoalsAsync(new ImportGoalsRequest { Csv = _data.GoalsCsv() });

        Assert.Equal((0, 0, 600, 0), (members.Created, members.Updated, members.Unchanged, members.Refused));
        Assert.Equal((0, 0, _data.Goals.Count, 0), (goals.Created, goals.Updated, goals.Unchanged, goals.Refused));
        Assert.Equal(before, await secretariat.ListGoalsAsync(new ListGoalsRequest()));
    }

    [Fact]
    public async Task Rest_GoalsByIndicatorAsJson_SameAsGrpc()
    {
        using var http = Http(GoalAnalyticsFixture.SecretariatId, "secretariat");

        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/v1/analytics/goals-by-indicator?asOf={Now}", UriKind.Relative)));

        var (rows, sum) = Expected(Now).GoalsByIndicator();
        Assert.Equal(rows, json.RootElement.GetProperty("rows").EnumerateArray().Select(r =>
            new ExpectedCount(r.GetProperty("indicator").GetString()!, r.GetProperty("goals").GetInt32(), r.GetProperty("sharePercent").GetDouble())));
        Assert.Equal(sum, json.RootElement.GetProperty("total").GetProperty("goals").GetInt32());
    }

    [Theory]
    [InlineData("submission-rates")]
    [InlineData("goals-by-indicator")]
    [InlineData("goals-by-kind")]
    [InlineData("progress")]
    [InlineData("pending-submitters")]
    public async Task Csv_EachTable_Utf8WithBomAndJapaneseIntact(string table)
    {
        using var http = Http(GoalAnalyticsFixture.SecretariatId, "secretariat");

        using var response = await http.GetAsync(new Uri($"/v1/analytics/{table}:csv?asOf={Now}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvRows(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3));
        switch (table)
        {
            case "submission-rates":
                var (expected, total) = Expected(Now).SubmissionRates();
                Assert.Equal(["業種コード", "業種", "会員数", "目標提出会員数", "提出率(%)"], rows[0]);
                Assert.Equal(expected.Append(total).Select(r => $"{r.NameJa}|{r.Members}|{r.Submitted}|{r.Share.ToString("0.0", CultureInfo.InvariantCulture)}"),
                    rows.Skip(1).Select(r => string.Join("|", r.Skip(1))));
                break;
            case "pending-submitters":
                var pending = Expected(Now).PendingSubmitters(12);
                Assert.Equal(pending, rows.Skip(1).Select(r => r[0]));
                Assert.Equal(_data.Members.Where(m => pending.Contains(m.Id)).Select(m => m.Name).Order(), rows.Skip(1).Select(r => r[1]).Order());
                break;
            default:
                Assert.Equal("合計", rows[^1][1]);
                break;
        }
    }

    [Fact]
    public async Task Csv_InEnglish_EnglishHeadersAndNames()
    {
        using var http = Http(GoalAnalyticsFixture.SecretariatId, "secretariat");

        var text = await http.GetStringAsync(new Uri($"/v1/analytics/goals-by-kind:csv?asOf={Now}&language=en", UriKind.Relative));

        var rows = CsvRows(text.TrimStart('\uFEFF'));
        Assert.Equal(["kind_code", "kind", "goals", "share_percent"], rows[0]);
        Assert.Equal(["Quantitative", "Qualitative", "Project", "Total"], rows.Skip(1).Select(r => r[1]));
    }

    [Fact]
    public async Task Analytics_AsAMember_DeniedNamingTheRule()
    {
        var member = fixture.Member(_data.Members[0].Id);

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => member.GetSubmissionRatesAsync(new AnalyticsRequest()).ResponseAsync);
        using var http = Http(_data.Members[0].Id, "arterial");
        using var csv = await http.GetAsync(new Uri("/v1/analytics/submission-rates:csv", UriKind.Relative));

        Assert.Equal("membership.secretariat-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        using var anonymous = fixture.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/v1/analytics/submission-rates:csv", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ListParticipants_ByIndustryClass_CarriesNamesAndExemption()
    {
        var response = await fixture.Secretariat().ListParticipantsAsync(new ListParticipantsRequest { Industry = "university" });

        Assert.Equal(_data.Members.Count(m => m.Industry == "大学"), response.Participants.Count);
        Assert.All(response.Participants, p => Assert.Equal(("大学", "Universities", true), (p.IndustryNameJa, p.IndustryNameEn, p.GoalExempt)));
    }

    private static ExpectedProgress Actual(ProgressRow r) =>
        new(r.Indicator, r.Goals, r.GoalsWithReports, r.GoalsWithProgress, r.HasMedianProgressPercent ? r.MedianProgressPercent : null, r.PastTargetYear);

    private HttpClient Http(string participant, string role)
    {
        var http = fixture.Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host.CredentialFor(participant, role));
        return http;
    }

    /// <summary>RFC 4180 rows, written here rather than borrowed from the code under test.</summary>
    internal static List<string[]> CsvRows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (!quoted && c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        return rows;
    }
}
