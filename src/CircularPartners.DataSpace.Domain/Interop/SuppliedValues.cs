using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// An imported passport the target schema refuses for a missing field is missing what the source
/// does not carry (a Catena-X BatteryPass names its operator only by BPNL): the refusal says so and
/// how to supply the value, at the same pointer.
/// </summary>
internal static class SuppliedValues
{
    private const string RequiredKind = "property_required";

    public static bool IsMissing(Violation violation) => violation.Kind == RequiredKind && violation.Pointer.StartsWith('/');

    public static PassportValidationException Explain(PassportValidationException refused)
    {
        var violations = refused.Violations.Select(v => IsMissing(v)
            ? v with { Message = $"{v.Message} The source has no value for {v.Pointer} that the target schema accepts (see the dropped fields of the mapping report): supply one with --set {v.Pointer}=VALUE (ImportPassportRequest.supplied)." }
            : v).ToList();
        var missing = string.Join(", ", violations.Where(IsMissing).Select(v => v.Pointer));
        return new PassportValidationException($"{refused.Message} Missing from the source: {missing}; supply them with --set POINTER=VALUE (ImportPassportRequest.supplied).", violations);
    }
}
