using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>Human and machine renderings of passports, shared by every passport command.</summary>
internal static class PassportFormatter
{
    private static readonly JsonWriterOptions PrettyBody = new()
    {
        Indented = true,
        // Passports carry names in many languages; keep them readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every field, defaults included (e.g. an empty withdrawal reason), numbers as numbers: see <see cref="ProtoJson"/>.</summary>
    public static string ToJson(IMessage message) => ProtoJson.Format(message);

    public static void WriteEnvelope(TextWriter output, Passport passport)
    {
        output.WriteLine($"id:         {passport.PassportId}");
        output.WriteLine($"version:    {passport.Version}");
        output.WriteLine($"owner:      {passport.Owner}");
        output.WriteLine($"schema:     {passport.SchemaId}");
        output.WriteLine($"status:     {StatusName(passport.Status)}");
        if (!string.IsNullOrEmpty(passport.WithdrawalReason))
        {
            output.WriteLine($"reason:     {passport.WithdrawalReason}");
        }

        output.WriteLine($"hash:       {passport.ContentHash}");
        output.WriteLine($"created:    {Time(passport.CreatedAt)}");
        output.WriteLine($"published:  {Time(passport.PublishedAt)}");
    }

    public static void WriteBody(TextWriter output, string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(PrettyPrint(json));
    }

    public static Table HistoryTable(IEnumerable<Passport> versions)
    {
        var table = new Table().AddColumns("Version", "Status", "Published", "Schema", "Hash", "Reason");
        foreach (var version in versions)
        {
            AddRow(
                table,
                version.Version.ToString(CultureInfo.InvariantCulture),
                StatusName(version.Status),
                Time(version.PublishedAt),
                version.SchemaId,
                ShortHash(version.ContentHash),
                version.WithdrawalReason);
        }

        return table;
    }

    /// <summary>Lifecycle events written back to a passport; the event JSON as sent, signed or not.</summary>
    public static Table EventTable(IEnumerable<LifecycleEvent> events)
    {
        var table = new Table().AddColumns("Event", "Type", "Author", "Recorded", "Signed", "Agreement", "Event JSON");
        foreach (var lifecycleEvent in events)
        {
            AddRow(
                table,
                lifecycleEvent.EventId,
                lifecycleEvent.Type,
                lifecycleEvent.Author,
                Time(lifecycleEvent.RecordedAt),
                lifecycleEvent.Signature.Length > 0 ? "yes" : "no",
                lifecycleEvent.AgreementId,
                lifecycleEvent.EventJson);
        }

        return table;
    }

    public static Table QueryTable(IEnumerable<Passport> passports)
    {
        var table = new Table().AddColumns("Id", "Version", "Owner", "Schema", "Status", "Published");
        foreach (var passport in passports)
        {
            AddRow(
                table,
                passport.PassportId,
                passport.Version.ToString(CultureInfo.InvariantCulture),
                passport.Owner,
                passport.SchemaId,
                StatusName(passport.Status),
                Time(passport.PublishedAt));
        }

        return table;
    }

    public static string StatusName(PassportStatus status) => status switch
    {
        PassportStatus.Active => "active",
        PassportStatus.Withdrawn => "withdrawn",
        _ => "unspecified",
    };

    public static string Time(Timestamp? timestamp) =>
        timestamp is null ? "-" : timestamp.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Table cells are plain Text, never markup: ids and reasons may contain '[' ']'.
    private static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => new Text(cell)).ToArray());

    // The full hash is in `get` and `--json`; a prefix is enough to tell versions apart.
    private static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string PrettyPrint(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, PrettyBody))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            // Shown as stored rather than hidden: the envelope is still useful.
            return json;
        }
    }
}
