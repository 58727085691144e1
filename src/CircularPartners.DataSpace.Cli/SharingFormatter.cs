using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>Human renderings of offers, negotiations, agreements, federated results and audit records.</summary>
internal static class SharingFormatter
{
    public static Table OfferTable(IEnumerable<Offer> offers)
    {
        var table = new Table().AddColumns("Offer", "Provider", "Title", "Covers", "Classes", "Roles", "Purposes", "Valid until", "Events");
        foreach (var offer in offers)
        {
            var c = offer.Constraints ?? new OfferConstraints();
            AddRow(
                table,
                offer.OfferId,
                offer.Provider,
                offer.Title,
                Selector(offer.Selector),
                List(offer.AccessClasses),
                List(c.AllowedRoles, c.AllowedParticipants),
                List(c.Purposes),
                PassportFormatter.Time(c.ValidUntil),
                c.AllowEvents ? "yes" : "no");
        }

        return table;
    }

    public static void WriteNegotiation(TextWriter output, Negotiation negotiation)
    {
        output.WriteLine($"negotiation: {negotiation.NegotiationId}");
        output.WriteLine($"state:       {StateName(negotiation.State)}");
        output.WriteLine($"agreement:   {Dash(negotiation.AgreementId)}");
        output.WriteLine($"provider:    {negotiation.Provider} ({negotiation.ProviderAddress})");
        output.WriteLine($"offer:       {negotiation.OfferId}");
        output.WriteLine($"purpose:     {negotiation.Purpose}");
        if (negotiation.Reason.Length > 0)
        {
            output.WriteLine($"reason:      {negotiation.Reason}");
        }
    }

    public static Table NegotiationTable(IEnumerable<Negotiation> negotiations)
    {
        var table = new Table().AddColumns("Negotiation", "State", "Provider", "Consumer", "Offer", "Purpose", "Agreement", "Reason", "Updated");
        foreach (var n in negotiations)
        {
            AddRow(table, n.NegotiationId, StateName(n.State), n.Provider, n.Consumer, n.OfferId, n.Purpose, Dash(n.AgreementId), n.Reason, PassportFormatter.Time(n.UpdatedAt));
        }

        return table;
    }

    public static Table AgreementTable(IEnumerable<Agreement> agreements)
    {
        var table = new Table().AddColumns("Agreement", "State", "Provider", "Consumer", "Covers", "Classes", "Purpose", "Agreed", "Usage end", "Terminated by", "Reason");
        foreach (var a in agreements)
        {
            AddRow(
                table,
                a.AgreementId,
                a.State == AgreementState.Active ? "active" : a.State == AgreementState.Terminated ? "terminated" : "unspecified",
                a.Provider,
                a.Consumer,
                Selector(a.Selector),
                List(a.AccessClasses),
                a.Purpose,
                PassportFormatter.Time(a.AgreedAt),
                PassportFormatter.Time(a.UsageEnd),
                a.TerminatedBy,
                a.TerminationReason);
        }

        return table;
    }

    public static Table FederatedTable(IEnumerable<FederatedPassport> passports)
    {
        var table = new Table().AddColumns("Provider", "Id", "Version", "Schema", "Agreement");
        foreach (var p in passports)
        {
            AddRow(table, p.Provider, p.PassportId, p.Version.ToString(CultureInfo.InvariantCulture), p.SchemaId, p.AgreementId);
        }

        return table;
    }

    public static Table ProviderTable(IEnumerable<ProviderResult> providers)
    {
        var table = new Table().AddColumns("Provider", "Address", "Agreements", "Status", "Matches", "Detail");
        foreach (var p in providers)
        {
            AddRow(table, p.Provider, p.ProviderAddress, string.Join(", ", p.AgreementIds), p.Status, p.Count.ToString(CultureInfo.InvariantCulture), p.Detail);
        }

        return table;
    }

    public static Table AuditTable(IEnumerable<AuditRecord> records)
    {
        var table = new Table().AddColumns("Seq", "Time", "Actor", "Action", "Agreement", "Passports", "Purpose", "Outcome", "Reason", "Details");
        foreach (var r in records)
        {
            AddRow(
                table,
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                PassportFormatter.Time(r.Time),
                r.Actor,
                r.Action,
                r.AgreementId,
                string.Join("\n", r.PassportIds),
                r.Purpose,
                r.Outcome,
                r.Reason,
                string.Join("\n", r.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}")));
        }

        return table;
    }

    /// <summary>What a selector covers, e.g. <c>use case battery, 2 passport(s)</c>; empty covers all.</summary>
    public static string Selector(DatasetSelector? selector)
    {
        var parts = new List<string>();
        if (selector is not null)
        {
            if (selector.UseCase.Length > 0)
            {
                parts.Add($"use case {selector.UseCase}");
            }

            if (selector.Category.Length > 0)
            {
                parts.Add($"category {selector.Category}");
            }

            if (selector.PassportIds.Count > 0)
            {
                parts.Add(selector.PassportIds.Count == 1 ? selector.PassportIds[0] : $"{selector.PassportIds.Count} passports");
            }
        }

        return parts.Count == 0 ? "all passports" : string.Join(", ", parts);
    }

    public static string List(params IEnumerable<string>[] values) =>
        values.SelectMany(v => v).ToList() is { Count: > 0 } all ? string.Join(", ", all) : "-";

    public static string StateName(NegotiationState state) => state.ToString().ToLowerInvariant();

    private static string Dash(string value) => value.Length == 0 ? "-" : value;

    // Table cells are plain Text, never markup: ids and reasons may contain '[' ']'.
    private static void AddRow(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => new Text(cell)).ToArray());
}
