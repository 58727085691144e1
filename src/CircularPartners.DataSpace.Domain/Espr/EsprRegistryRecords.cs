using System.Text.Json;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Espr;

/// <summary>
/// Builds the ESPR registry record of a passport for its owner or this connector's operator, from
/// the body as that caller may read it (the owner's in full; the operator's at its own level), so
/// the record never carries more than the caller could read anyway.
/// </summary>
public sealed class EsprRegistryRecords(PassportOperations passports, SharedPassportReader reader, PassportValidator validator, PublishPolicy policy)
{
    public const string OwnerOrOperatorRule = "registry-record.owner-or-operator";

    /// <summary>The record and the version it was built from, as the caller sees it.</summary>
    public async Task<(EsprRegistryRecord Record, PassportRecord Read)> BuildAsync(ReadGrant grant, string passportId, PassportAddresses addresses,
        CancellationToken cancellationToken)
    {
        var stored = await passports.GetAsync(passportId, null, cancellationToken);
        if (grant.Reader is not { } caller || (stored.Owner != caller.ParticipantId && caller.ParticipantId != policy.Operator))
        {
            throw new PermissionDeniedException(OwnerOrOperatorRule,
                $"Only the owner of passport '{passportId}' or this connector's operator may read its registry record (rule {OwnerOrOperatorRule}).");
        }
        var view = reader.View(grant, stored);
        using var document = JsonDocument.Parse(view.Json);
        var body = document.RootElement;
        var missing = new List<MissingRegistryField>();
        var keys = validator.FacetsOf(view.SchemaId, view.Facets.UseCase, view.Json).ProductKeys ?? ProductKeys.None;
        var link = keys.Gtin14 is { } gtin ? new DigitalLinkPath(gtin, keys.Lot, keys.Serial) : null;

        var upi = link is null ? null : new EsprIdentifier("gs1-digital-link", "https://id.gs1.org" + link.ToPath());
        Require(upi, "uniqueProductIdentifier", "no public GTIN with a valid check digit (/product/gtin) nor a GS1 Digital Link passport id", missing);
        var operatorId = EsprBodyFields.OperatorIdentifier(body);
        Require(operatorId, "operatorIdentifier", "no /economicOperator identifier readable at your access level", missing);
        var facilities = EsprBodyFields.FacilityIdentifiers(body);
        Require(facilities.Count > 0 ? facilities : null, "facilityIdentifiers", "no facilityId in the passport readable at your access level", missing);
        var commodity = EsprBodyFields.FirstString(body, "product", "commodityCode", "hsCode", "cnCode");
        Require(commodity, "commodityCode", "no /product/commodityCode (HS/CN code) in the passport", missing);
        var carrier = EsprBodyFields.FirstString(body, "product", "dataCarrier", "dataCarrierType");
        Require(carrier, "dataCarrierType", "the passport does not say which data carrier (QR code, RFID, NFC) the product bears", missing);
        var granularity = keys.Serial is not null ? "item" : keys.Lot is not null ? "batch" : keys.Gtin14 is not null ? "model" : null;
        Require(granularity, "granularity", "without a GTIN (and lot or serial) the passport's granularity is not known", missing);
        var live = Url(addresses.LiveBaseUrl, link, passportId);
        Require(live, "liveUrl", "this connector's public address is not configured (PublicView:BaseUrl, Helm publicView.baseUrl)", missing);
        var backup = Url(addresses.BackupBaseUrl, link, passportId);
        Require(backup, "backupUrl", "no backup copy service is configured (PublicView:BackupBaseUrl, Helm publicView.backupBaseUrl)", missing);

        return (new EsprRegistryRecord(passportId, view.Version, upi, operatorId, facilities, commodity, carrier, granularity, live, backup, missing), view);
    }

    /// <summary>The resolver's address for a passport with a GTIN, the public view's otherwise.</summary>
    private static string? Url(string? baseUrl, DigitalLinkPath? link, string passportId) =>
        string.IsNullOrEmpty(baseUrl) ? null
        : baseUrl.TrimEnd('/') + (link is null ? "/v1/public/passports/" + passportId : link.ToPath());

    private static void Require(object? value, string field, string reason, List<MissingRegistryField> missing)
    {
        if (value is null)
        {
            missing.Add(new MissingRegistryField(field, reason));
        }
    }
}
