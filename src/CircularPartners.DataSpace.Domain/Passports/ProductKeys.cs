namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// The GS1 keys of the product a passport describes, as anyone may see them: the GTIN as
/// GTIN-14 (check digit verified), and the lot and serial when the passport is at batch or item
/// level. Only values in public fields are kept, because the Digital Link resolver answers
/// anonymous readers: a key in a restricted field must not make its passport findable.
/// </summary>
public sealed record ProductKeys(string? Gtin14, string? Lot, string? Serial)
{
    public static readonly ProductKeys None = new(null, null, null);
}
