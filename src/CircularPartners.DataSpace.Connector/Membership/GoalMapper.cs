using CircularPartners.DataSpace.Domain.Goals;
using Google.Protobuf.WellKnownTypes;
using D = CircularPartners.DataSpace.Domain.Goals;
using W = CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>Goals, reports, import reports and the vocabulary between the wire and the domain.</summary>
internal static class GoalMapper
{
    public static D.Goal ToDomain(W.Goal? g)
    {
        g ??= new W.Goal();
        return new D.Goal(g.GoalId, g.ParticipantId, g.Title, g.Description, [.. g.Indicators], g.Category, g.Kind, g.Unit,
            g.BaselineYear, g.HasBaselineValue ? g.BaselineValue : null, g.TargetYear, g.HasTargetValue ? g.TargetValue : null,
            g.Scope, g.ScopeDetail, default, default, false);
    }

    public static W.Goal ToWire(D.Goal g, D.GoalProgress progress, string participantName)
    {
        var wire = new W.Goal
        {
            GoalId = g.GoalId,
            ParticipantId = g.ParticipantId,
            ParticipantName = participantName,
            Title = g.Title,
            Description = g.Description,
            Indicators = { g.Indicators },
            Category = g.Category,
            Kind = g.Kind,
            Unit = g.Unit,
            BaselineYear = g.BaselineYear,
            TargetYear = g.TargetYear,
            Scope = g.Scope,
            ScopeDetail = g.ScopeDetail,
            SubmittedAt = Timestamp.FromDateTimeOffset(g.SubmittedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(g.UpdatedAt),
            ClassifiedBySecretariat = g.ClassifiedBySecretariat,
            Progress = ToWire(progress),
        };
        if (g.BaselineValue is { } baseline)
        {
            wire.BaselineValue = baseline;
        }
        if (g.TargetValue is { } target)
        {
            wire.TargetValue = target;
        }
        return wire;
    }

    public static W.GoalProgress ToWire(D.GoalProgress p) => new()
    {
        ReportCount = p.ReportCount,
        Defined = p.Defined,
        Progress = p.Progress,
        RawProgress = p.RawProgress,
        LatestValue = p.LatestValue,
        LatestPeriod = p.LatestPeriod,
        PastTargetYear = p.PastTargetYear,
    };

    public static D.AchievementReport ToDomain(W.AchievementReport? r) =>
        r is null ? new D.AchievementReport("", "", "", 0, "", default, "") : new D.AchievementReport("", "", r.Period, r.Value, r.Comment, default, "");

    public static W.AchievementReport ToWire(D.AchievementReport r) => new()
    {
        ReportId = r.ReportId,
        GoalId = r.GoalId,
        Period = r.Period,
        Value = r.Value,
        Comment = r.Comment,
        ReportedAt = Timestamp.FromDateTimeOffset(r.ReportedAt),
        ReportedBy = r.ReportedBy,
    };

    public static W.ImportReport ToWire(Domain.Goals.Import.ImportReport report) => new()
    {
        Rows = report.Rows,
        Created = report.Created,
        Updated = report.Updated,
        Unchanged = report.Unchanged,
        Refused = report.Refused,
        DryRun = report.DryRun,
        Problems = { report.Problems.Select(p => new W.RefusedRow { Line = p.Line, Key = p.Key, Field = p.Field, Reason = p.Reason }) },
    };

    public static W.GoalVocabulary Vocabulary() => new()
    {
        Industries = { GoalVocabulary.Industries.Select(ToWire) },
        Indicators = { GoalVocabulary.Indicators.Select(ToWire) },
        Categories = { GoalVocabulary.Categories.Select(ToWire) },
        GoalKinds = { GoalVocabulary.GoalKinds.Select(ToWire) },
        Scopes = { GoalVocabulary.Scopes.Select(ToWire) },
        MemberKinds = { GoalVocabulary.MemberKinds.Select(ToWire) },
        Roles = { GoalVocabulary.Roles.Select(ToWire) },
    };

    private static W.VocabularyTerm ToWire(Term t) => new() { Code = t.Code, NameJa = t.NameJa, NameEn = t.NameEn, Indicator = t.Indicator, Exempt = t.Exempt };
}
