using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Domain.Goals.Import;

/// <summary>
/// The secretariat's existing goals from CSV. A row without a goal_id gets one derived from its
/// member and title, so importing the same file again finds the same goals and changes nothing.
/// The member must already be an active participant (import members first).
/// </summary>
public sealed class GoalImport(IGoalStore goals, IMembershipStore members, TimeProvider time)
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["目標ID"] = "goal_id", ["会員ID"] = "participant_id", ["法人番号"] = "participant_id", ["member"] = "participant_id",
        ["目標名"] = "title", ["タイトル"] = "title", ["説明"] = "description",
        ["indicator"] = "indicators", ["代表指標"] = "indicators", ["目標設定区分"] = "category", ["区分"] = "category",
        ["目標種別"] = "kind", ["種類"] = "kind", ["単位"] = "unit",
        ["基準年"] = "baseline_year", ["基準値"] = "baseline_value", ["目標年"] = "target_year", ["目標値"] = "target_value",
        ["対象範囲"] = "scope", ["範囲"] = "scope", ["対象詳細"] = "scope_detail",
        ["submitted_on"] = "submitted_at", ["提出日"] = "submitted_at",
    };

    private static readonly string[] Required = ["participant_id", "title", "category", "kind", "target_year"];

    public async Task<ImportReport> ImportAsync(Caller caller, string csv, bool dryRun, CancellationToken cancellationToken)
    {
        MembershipRegistry.RequireSecretariat(caller);
        var (header, rows) = CsvTable.Read(csv, Aliases);
        var tally = new ImportTally();
        foreach (var column in Required.Where(c => !header.Contains(c)))
        {
            tally.Refuse(1, "", column, $"The header has no '{column}' column (required: {string.Join(", ", Required)}).");
        }
        if (Required.Any(c => !header.Contains(c)))
        {
            return tally.Report(rows.Count, dryRun);
        }
        var active = members.Participants.Where(p => p.Active).Select(p => p.ParticipantId).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<Goal>();
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            var id = row["goal_id"].Length > 0 ? row["goal_id"] : DerivedId(row["participant_id"], row["title"]);
            if (seen.TryGetValue(id, out var earlier))
            {
                tally.Refuse(row.Line, id, "goal_id", $"The same goal is already on line {earlier} of this file (same goal_id, or same member and title).");
                continue;
            }
            seen[id] = row.Line;
            var current = goals.Find(id);
            if (Decide(row, id, current, active, now, tally) is not { } goal)
            {
                continue;
            }
            if (current is null || current.Deleted)
            {
                tally.Created++;
                changes.Add(goal);
            }
            else if (current.SameContentAs(goal))
            {
                tally.Unchanged++;
            }
            else
            {
                tally.Updated++;
                changes.Add(goal);
            }
        }
        if (!dryRun && changes.Count > 0)
        {
            await goals.SaveGoalsAsync(changes, cancellationToken);
        }
        return tally.Report(rows.Count, dryRun);
    }

    /// <summary>The goal the row describes, or null (and the row refused) when it has problems.</summary>
    private static Goal? Decide(CsvRow row, string id, Goal? current, HashSet<string> active, DateTimeOffset now, ImportTally tally)
    {
        var owner = row["participant_id"];
        var problems = new List<(string Field, string Reason)>();
        if (!active.Contains(owner))
        {
            problems.Add(("participant_id", owner.Length == 0 ? "A participant id is required." : $"'{owner}' is not an active member (import the members first)."));
        }
        else if (current is { Deleted: false } && current.ParticipantId != owner)
        {
            problems.Add(("participant_id", $"Goal '{id}' belongs to member '{current.ParticipantId}'."));
        }
        var submitted = row["submitted_at"].Length == 0 ? current?.SubmittedAt ?? now : ImportCells.Date(row["submitted_at"]);
        if (submitted is null)
        {
            problems.Add(("submitted_at", $"'{row["submitted_at"]}' is not a date (YYYY-MM-DD)."));
        }
        var given = ImportCells.List(row["indicators"]);
        // The secretariat's later classification stands when the file names no indicators.
        var keepClassification = given.Count == 0 && current is { ClassifiedBySecretariat: true };
        var draft = new Goal(id, owner, row["title"], row["description"], keepClassification ? current!.Indicators : given, row["category"], row["kind"], row["unit"],
            ImportCells.Year(row["baseline_year"]), ImportCells.Number(row["baseline_value"]), ImportCells.Year(row["target_year"]), ImportCells.Number(row["target_value"]),
            row["scope"], row["scope_detail"], submitted ?? now, now, keepClassification || given.Count > 0);
        var (goal, violations) = GoalValidator.Check(draft);
        problems.AddRange(violations.Select(v => (v.Pointer, v.Message)));
        foreach (var (field, reason) in problems)
        {
            tally.Refuse(row.Line, id, field, reason);
        }
        if (problems.Count > 0)
        {
            return null;
        }
        // An unchanged row keeps the goal's last update time, so a re-import leaves it as it was.
        return current is not null && current.SameContentAs(goal) ? current : goal;
    }

    /// <summary>A stable id for a row without one: the same member and title give the same goal.</summary>
    public static string DerivedId(string participantId, string title) =>
        "g-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(participantId.Trim() + "\n" + title.Trim())))[..16];
}
