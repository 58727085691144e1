namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The public keys an importer may verify a signed source with, by key id (the JWS <c>kid</c>).
/// The connector knows its own published key, so a credential it exported is verified on import;
/// a signature by a key it does not know is reported as not verified, never as valid.
/// </summary>
public interface ICredentialKeys
{
    /// <summary>The EC public key in PEM for <paramref name="keyId"/>, or null when it is not known.</summary>
    string? PublicKeyPem(string keyId);
}

/// <summary>An importer of a format that may come signed: it verifies the signature when <paramref name="keys"/> knows the key.</summary>
internal interface ISignedSourceImporter : IPassportImporter
{
    ImportedBody Import(string text, List<string> notes, ICredentialKeys? keys);
}
