using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>The hash chain: how an entry is sealed and how a sequence of entries is verified.</summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static AuditEntry Seal(AuditDraft draft, long sequence, DateTimeOffset time, string previousHash)
    {
        var entry = new AuditEntry(sequence, time, draft.Actor, draft.Owner, draft.Action, draft.AgreementId, draft.PassportIds,
            draft.Sections, draft.Purpose, draft.Outcome ?? (draft.Granted ? "granted" : "denied"), draft.Reason, previousHash, "");
        return entry with { Hash = HashOf(entry) };
    }

    /// <summary>
    /// Checks sequence, links and hashes in order and reports the first broken link; then a gap
    /// the connector recorded (<see cref="AuditHeadCheck.GapAction"/>), which stays on the record;
    /// then whether the log still contains each signed head (a log cut short or replaced by an
    /// older copy has intact links but ends before, or differs at, a head signed earlier).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, IReadOnlyList<CheckedHead>? heads = null)
    {
        heads ??= [];
        var previous = Genesis;
        long expected = 1;
        AuditEntry? gap = null;
        var hashesAtHeads = new Dictionary<long, string>();
        foreach (var entry in entries)
        {
            string? problem = entry.Sequence != expected ? $"sequence gap: expected {expected}, found {entry.Sequence}"
                : entry.PreviousHash != previous ? "previous-hash does not match the entry before it"
                : entry.Hash != HashOf(entry) ? "hash does not match the entry's content"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, expected - 1, expected, problem);
            }
            if (gap is null && entry.Action == AuditHeadCheck.GapAction)
            {
                gap = entry;
            }
            if (heads.Any(h => h.Head.Sequence == entry.Sequence))
            {
                hashesAtHeads[entry.Sequence] = entry.Hash;
            }
            previous = entry.Hash;
            expected++;
        }
        var end = expected - 1;
        if (gap is not null)
        {
            return new AuditVerification(false, end, gap.Sequence, $"{gap.Reason} (the connector found this at start-up and recorded it as entry {gap.Sequence})");
        }
        foreach (var (head, what) in heads)
        {
            if (AuditHeadCheck.Problem(end, hashesAtHeads.GetValueOrDefault(head.Sequence), head, what) is { } problem)
            {
                return new AuditVerification(false, end, Math.Min(end + 1, head.Sequence), problem);
            }
        }
        return new AuditVerification(true, end, 0, null);
    }

    /// <summary>SHA-256 over a fixed-order JSON array of every field but the hash itself.</summary>
    public static string HashOf(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(entry.Sequence);
            writer.WriteStringValue(entry.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var field in new[] { entry.Actor, entry.Owner, entry.Action, entry.AgreementId, entry.Purpose, entry.Outcome, entry.Reason, entry.PreviousHash })
            {
                writer.WriteStringValue(field);
            }
            foreach (var list in new[] { entry.PassportIds, entry.Sections })
            {
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("sequence,time,actor,owner,action,agreement_id,passport_ids,sections,purpose,outcome,reason,previous_hash,hash\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', new[]
            {
                e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                e.Actor, e.Owner, e.Action, e.AgreementId ?? "", string.Join(' ', e.PassportIds), string.Join(' ', e.Sections),
                e.Purpose ?? "", e.Outcome, e.Reason ?? "", e.PreviousHash, e.Hash,
            }.Select(Quote)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
