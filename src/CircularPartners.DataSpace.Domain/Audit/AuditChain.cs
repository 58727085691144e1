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
            draft.Sections, draft.Purpose, draft.Granted ? "granted" : "denied", draft.Reason, previousHash, "",
            draft.Details is { Count: > 0 } details ? details : null);
        return entry with { Hash = HashOf(entry) };
    }

    /// <summary>Checks sequence, links and hashes in order and reports the first broken link.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries)
    {
        var previous = Genesis;
        long expected = 1;
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
            previous = entry.Hash;
            expected++;
        }
        return new AuditVerification(true, expected - 1, 0, null);
    }

    /// <summary>
    /// SHA-256 over a fixed-order JSON array of every field but the hash itself; details, when
    /// present, as a last array of [name, value] pairs in ordinal order of their names.
    /// </summary>
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
            if (entry.Details is { Count: > 0 } details)
            {
                writer.WriteStartArray();
                foreach (var (name, value) in details.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(name);
                    writer.WriteStringValue(value);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("sequence,time,actor,owner,action,agreement_id,passport_ids,sections,purpose,outcome,reason,previous_hash,hash,details\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', new[]
            {
                e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                e.Actor, e.Owner, e.Action, e.AgreementId ?? "", string.Join(' ', e.PassportIds), string.Join(' ', e.Sections),
                e.Purpose ?? "", e.Outcome, e.Reason ?? "", e.PreviousHash, e.Hash, DetailsText(e.Details),
            }.Select(Quote)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Details as <c>name=value</c> pairs separated by spaces, in ordinal order of the names.</summary>
    public static string DetailsText(IReadOnlyDictionary<string, string>? details) =>
        details is null ? "" : string.Join(' ', details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value));

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
