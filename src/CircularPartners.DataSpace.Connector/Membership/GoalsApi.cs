using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Goals.Analytics;
using CircularPartners.DataSpace.Domain.Goals.Import;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Validation;
using Google.Api;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// Goals, reports, imports and analytics for the membership service: maps requests to the
/// domain and results back, so the gRPC service only delegates.
/// </summary>
internal sealed class GoalsApi(GoalBook book, MemberImport memberImport, GoalImport goalImport, GoalAnalytics analytics, ILogger<GoalsApi> logger)
{
    public async Task<Contracts.V1.Goal> CreateAsync(Caller caller, CreateGoalRequest request, CancellationToken cancellationToken) =>
        Wire(await book.CreateAsync(caller, GoalMapper.ToDomain(request.Goal), cancellationToken));

    public async Task<Contracts.V1.Goal> UpdateAsync(Caller caller, UpdateGoalRequest request, CancellationToken cancellationToken) =>
        Wire(await book.UpdateAsync(caller, GoalMapper.ToDomain(request.Goal), cancellationToken));

    public Contracts.V1.Goal Get(Caller caller, GetGoalRequest request) => Wire(book.Get(caller, request.GoalId));

    public ListGoalsResponse List(Caller caller, ListGoalsRequest request) =>
        new() { Goals = { book.List(caller, new GoalFilter(request.ParticipantId, request.Indicator, request.Kind, request.Industry)).Select(Wire) } };

    public async Task<DeleteGoalResponse> DeleteAsync(Caller caller, DeleteGoalRequest request, CancellationToken cancellationToken) =>
        new() { GoalId = (await book.DeleteAsync(caller, request.GoalId, cancellationToken)).GoalId };

    public async Task<Contracts.V1.Goal> ClassifyAsync(Caller caller, ClassifyGoalRequest request, CancellationToken cancellationToken) =>
        Wire(await book.ClassifyAsync(caller, request.GoalId, [.. request.Indicators], cancellationToken));

    public async Task<Contracts.V1.AchievementReport> AddReportAsync(Caller caller, AddAchievementReportRequest request, CancellationToken cancellationToken) =>
        GoalMapper.ToWire(await book.AddReportAsync(caller, request.GoalId, GoalMapper.ToDomain(request.Report), cancellationToken));

    public ListAchievementReportsResponse ListReports(Caller caller, ListAchievementReportsRequest request) => new()
    {
        Reports = { book.Reports(caller, request.GoalId).Select(GoalMapper.ToWire) },
        Progress = GoalMapper.ToWire(book.ProgressOf(book.Get(caller, request.GoalId))),
    };

    public async Task<Contracts.V1.ImportReport> ImportMembersAsync(Caller caller, ImportMembersRequest request, CancellationToken cancellationToken) =>
        Logged(caller, "members", await memberImport.ImportAsync(caller, request.Csv, request.DryRun, cancellationToken));

    public async Task<Contracts.V1.ImportReport> ImportGoalsAsync(Caller caller, ImportGoalsRequest request, CancellationToken cancellationToken) =>
        Logged(caller, "goals", await goalImport.ImportAsync(caller, request.Csv, request.DryRun, cancellationToken));

    /// <summary>An import changes many records at once: the log says who did it and what it changed.</summary>
    private Contracts.V1.ImportReport Logged(Caller caller, string what, Domain.Goals.Import.ImportReport report)
    {
        GoalsLog.Imported(logger, caller.ParticipantId, what, report.DryRun, report.Rows, report.Created, report.Updated, report.Unchanged, report.Refused);
        return GoalMapper.ToWire(report);
    }

    public SubmissionRatesTable SubmissionRates(Caller caller, AnalyticsRequest request) => AnalyticsMapper.ToWire(analytics.SubmissionRates(Query(caller, request)));

    public GoalsByIndicatorTable GoalsByIndicator(Caller caller, AnalyticsRequest request) => AnalyticsMapper.ToIndicatorTable(analytics.GoalsByIndicator(Query(caller, request)));

    public GoalsByKindTable GoalsByKind(Caller caller, AnalyticsRequest request) => AnalyticsMapper.ToKindTable(analytics.GoalsByKind(Query(caller, request)));

    public Contracts.V1.ProgressTable Progress(Caller caller, AnalyticsRequest request) => AnalyticsMapper.ToWire(analytics.Progress(Query(caller, request)));

    public PendingSubmittersTable PendingSubmitters(Caller caller, AnalyticsRequest request) => AnalyticsMapper.ToWire(analytics.PendingSubmitters(Query(caller, request)));

    public HttpBody Export(Caller caller, ExportAnalyticsTableRequest request)
    {
        var query = analytics.Query(caller, request.AsOf, request.Months, request.IncludeExempt);
        var table = request.Table.Trim().ToLowerInvariant();
        var language = request.Language.Trim().Length == 0 ? "ja" : request.Language.Trim().ToLowerInvariant();
        var violations = new List<Violation>();
        if (!AnalyticsTableNames.All.Contains(table))
        {
            violations.Add(new Violation("table", "unknown_value", $"The table is one of {string.Join(", ", AnalyticsTableNames.All)}."));
        }
        if (language is not ("ja" or "en"))
        {
            violations.Add(new Violation("language", "unknown_value", "The language is ja or en."));
        }
        if (violations.Count > 0)
        {
            throw new PassportValidationException("The export request has problems.", violations);
        }
        return new HttpBody { ContentType = AnalyticsCsv.ContentType, Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(AnalyticsCsv.Render(table, language, analytics, query))) };
    }

    private AnalyticsQuery Query(Caller caller, AnalyticsRequest request) => analytics.Query(caller, request.AsOf, request.Months, request.IncludeExempt);

    private Contracts.V1.Goal Wire(Domain.Goals.Goal goal) => GoalMapper.ToWire(goal, book.ProgressOf(goal), book.NameOf(goal.ParticipantId));
}
