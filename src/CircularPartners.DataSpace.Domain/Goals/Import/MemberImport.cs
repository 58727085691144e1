using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Domain.Goals.Import;

/// <summary>
/// The secretariat's existing member list from CSV (participant_id, name, industry, kind, roles,
/// joined_on). New members join on their joined date; known ones are updated only where the row
/// differs, so importing the same file again changes nothing. A member that left is not
/// brought back by an import.
/// </summary>
public sealed class MemberImport(IMembershipStore store)
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "participant_id", ["会員ID"] = "participant_id", ["法人番号"] = "participant_id",
        ["名称"] = "name", ["会員名"] = "name",
        ["業種"] = "industry", ["種別"] = "kind", ["役割"] = "roles", ["role"] = "roles",
        ["joined_at"] = "joined_on", ["joined_date"] = "joined_on", ["joined"] = "joined_on", ["入会日"] = "joined_on",
    };

    private static readonly string[] Required = ["participant_id", "name", "industry", "kind", "roles", "joined_on"];
    private static readonly char[] RoleSeparators = [';', '|', '、', ' ', '/', '・'];

    public async Task<ImportReport> ImportAsync(Caller caller, string csv, bool dryRun, CancellationToken cancellationToken)
    {
        MembershipRegistry.RequireSecretariat(caller);
        var (header, rows) = CsvTable.Read(csv, Aliases);
        var tally = new ImportTally();
        if (MissingColumns(header, tally))
        {
            return tally.Report(rows.Count, dryRun);
        }
        var existing = store.Participants.ToDictionary(p => p.ParticipantId, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<Participant>();
        foreach (var row in rows)
        {
            if (Parse(row, tally) is not { } member)
            {
                continue;
            }
            if (seen.TryGetValue(member.ParticipantId, out var earlier))
            {
                tally.Refuse(row.Line, member.ParticipantId, "participant_id", $"Already on line {earlier} of this file.");
                continue;
            }
            seen[member.ParticipantId] = row.Line;
            if (!existing.TryGetValue(member.ParticipantId, out var current))
            {
                changes.Add(member);
                tally.Created++;
            }
            else if (!current.Active)
            {
                tally.Refuse(row.Line, member.ParticipantId, "participant_id", "This participant left the data space; an import does not bring it back (use Join).");
            }
            else if (current.Name == member.Name && current.Industry == member.Industry && current.Kind == member.Kind
                && current.Roles.SequenceEqual(member.Roles) && current.JoinedAt == member.JoinedAt)
            {
                tally.Unchanged++;
            }
            else
            {
                changes.Add(current with { Name = member.Name, Industry = member.Industry, Kind = member.Kind, Roles = member.Roles, JoinedAt = member.JoinedAt });
                tally.Updated++;
            }
        }
        if (!dryRun)
        {
            // Saved together: the journal commits concurrent appends in one flush.
            await Task.WhenAll(changes.Select(p => store.SaveParticipantAsync(p, cancellationToken)));
        }
        return tally.Report(rows.Count, dryRun);
    }

    private static bool MissingColumns(IReadOnlyList<string> header, ImportTally tally)
    {
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        foreach (var column in missing)
        {
            tally.Refuse(1, "", column, $"The header has no '{column}' column (expected: {string.Join(", ", Required)}).");
        }
        return missing.Count > 0;
    }

    private static Participant? Parse(CsvRow row, ImportTally tally)
    {
        var id = row["participant_id"];
        var problems = 0;
        void Refuse(string field, string reason)
        {
            tally.Refuse(row.Line, id, field, reason);
            problems++;
        }
        if (id.Length == 0)
        {
            Refuse("participant_id", "A participant id is required.");
        }
        if (row["name"].Length == 0)
        {
            Refuse("name", "A name is required.");
        }
        var industry = GoalVocabulary.Find(GoalVocabulary.Industries, row["industry"]);
        if (industry is null)
        {
            Refuse("industry", $"'{row["industry"]}' is not one of the 32 industry classes (give its code or its Japanese or English name).");
        }
        var kind = GoalVocabulary.Find(GoalVocabulary.MemberKinds, row["kind"]);
        if (kind is null)
        {
            Refuse("kind", $"'{row["kind"]}' is not a member kind ({string.Join(", ", GoalVocabulary.MemberKinds.Select(k => k.Code))}).");
        }
        var roles = row["roles"].Split(RoleSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => (Given: r, Term: GoalVocabulary.Find(GoalVocabulary.Roles, r))).ToList();
        if (roles.Count == 0 || roles.Any(r => r.Term is null))
        {
            Refuse("roles", $"Roles are one or more of arterial, venous, secretariat, authority (or 動脈, 静脈), separated by ';'; got '{row["roles"]}'.");
        }
        var joined = ImportCells.Date(row["joined_on"]);
        if (joined is null)
        {
            Refuse("joined_on", $"'{row["joined_on"]}' is not a date (YYYY-MM-DD).");
        }
        return problems > 0 ? null : new Participant(id, row["name"], kind!.Code, industry!.Code,
            [.. roles.Select(r => r.Term!.Code).Distinct()], "", [], true, joined!.Value, null);
    }
}
