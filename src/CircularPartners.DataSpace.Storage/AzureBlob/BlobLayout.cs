using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Where things live in the container:
/// <c>heads/{key}</c> the per-passport head (highest reserved version), <c>versions/{key}/{version:D12}</c>
/// the immutable versions, <c>journal/{yyyyMMddHH}/{writer}-{segment}.log</c> the change journal.
/// The key is the escaped passport id, or a hash of it when escaping would exceed blob name limits.
/// </summary>
internal static class BlobLayout
{
    public const string HeadsPrefix = "heads/";
    public const string JournalPrefix = "journal/";

    public static string Key(string passportId)
    {
        var escaped = Uri.EscapeDataString(passportId);
        return escaped.Length <= 600 ? escaped : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passportId)));
    }

    /// <summary>Sharing records: <c>sharing/{offers|negotiations|agreements|delegations}/{key}.json</c>, each replaced whole on save.</summary>
    public const string SharingPrefix = "sharing/";
    public const string OffersPrefix = SharingPrefix + "offers/";
    public const string NegotiationsPrefix = SharingPrefix + "negotiations/";
    public const string AgreementsPrefix = SharingPrefix + "agreements/";
    public const string DelegationsPrefix = SharingPrefix + "delegations/";

    /// <summary>The data-access token signing key every replica signs and verifies with (outside the sharing prefix it polls).</summary>
    public const string TokenSigningKey = "keys/token-signing.key.pem";

    /// <summary>One blob per spent single-use token id, created once (outside the polled sharing prefix); a lifecycle rule may delete them after a day.</summary>
    public static string SpentToken(string tokenId) => "spent-tokens/" + Key(tokenId);

    public static string Offer(string offerId) => OffersPrefix + Key(offerId) + ".json";
    public static string Negotiation(string negotiationId) => NegotiationsPrefix + Key(negotiationId) + ".json";
    public static string Agreement(string agreementId) => AgreementsPrefix + Key(agreementId) + ".json";
    public static string Delegation(string delegationId) => DelegationsPrefix + Key(delegationId) + ".json";

    /// <summary>Lifecycle events: <c>events/{passport key}/{event key}.json</c>, each created once.</summary>
    public const string EventsPrefix = "events/";

    /// <summary>
    /// The event's blob, named by its passport and a hash of its author and document, so the same
    /// event sent twice (through any replica) lands on the same name and is recorded once.
    /// </summary>
    public static string Event(string passportId, string author, string eventJson) =>
        EventsOf(passportId) + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(author + "\n" + eventJson))) + ".json";

    public static string EventsOf(string passportId) => EventsPrefix + Key(passportId) + "/";

    /// <summary>
    /// Membership: <c>membership/participants/{key}.json</c> (replaced under an ETag condition) and
    /// <c>membership/revocations/{sequence:D12}.json</c> (created once, so a sequence is taken once).
    /// </summary>
    public const string MembershipPrefix = "membership/";
    public const string ParticipantsPrefix = MembershipPrefix + "participants/";
    public const string RevocationsPrefix = MembershipPrefix + "revocations/";

    public static string Participant(string participantId) => ParticipantsPrefix + Key(participantId) + ".json";

    public static string Revocation(long sequence) => RevocationsPrefix + sequence.ToString("D12", CultureInfo.InvariantCulture) + ".json";

    /// <summary>
    /// Goals: <c>goals/goals/{key}.json</c> and <c>goals/reports/{goal key}/{period key}.json</c>, each
    /// replaced only over the ETag its writer saw (If-None-Match:* for a new one).
    /// </summary>
    public const string GoalsPrefix = "goals/";
    public const string GoalRecordsPrefix = GoalsPrefix + "goals/";
    public const string GoalReportsPrefix = GoalsPrefix + "reports/";

    public static string Goal(string goalId) => GoalRecordsPrefix + Key(goalId) + ".json";

    public static string GoalReport(string goalId, string period) => GoalReportsPrefix + Key(goalId) + "/" + Key(period) + ".json";

    /// <summary>The use-case registry: one snapshot, replaced only over the ETag it was read at.</summary>
    public const string RegistrySnapshot = "registry/registry.json";

    public static string Head(string passportId) => HeadsPrefix + Key(passportId);

    public static string Version(string passportId, long version) =>
        "versions/" + Key(passportId) + "/" + version.ToString("D12", CultureInfo.InvariantCulture);

    public static string JournalHour(DateTimeOffset at) =>
        JournalPrefix + at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "/";
}

/// <summary>
/// The head: the highest version a writer has reserved. It is committed once its version blob
/// exists; until then readers and writers treat <see cref="Version"/> - 1 as current.
/// </summary>
internal sealed record PassportHead(string PassportId, long Version, string Owner, DateTimeOffset CreatedAt);

/// <summary>One journal line: a version reserved and about to be committed.</summary>
internal sealed record JournalEntry(string Id, long Version);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PassportHead))]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class BlobJsonContext : JsonSerializerContext
{
    public static byte[] Serialize(PassportHead head) => JsonSerializer.SerializeToUtf8Bytes(head, Default.PassportHead);

    public static PassportHead ReadHead(BinaryData data) =>
        JsonSerializer.Deserialize(data.ToMemory().Span, Default.PassportHead) ?? throw new InvalidDataException("Empty head.");
}
