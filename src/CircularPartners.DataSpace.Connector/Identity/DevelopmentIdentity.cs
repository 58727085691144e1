using System.Security.Cryptography;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// The development profile: a local issuer key under the data directory and a ready credential
/// for a local participant, so the quick start needs no set-up. Created once, reused after.
/// </summary>
internal static class DevelopmentIdentity
{
    public const string Issuer = "urn:circularpartners:dev-issuer";
    public const string ParticipantId = "local-participant";
    private static readonly string[] Roles = ["arterial", "venous", "secretariat"];

    public sealed record Result(TrustedIssuer Trusted, CredentialIssuer Signer, string CredentialPath, bool Created);

    public static Result Ensure(string dataDirectory, string audience, TimeProvider time)
    {
        var directory = Path.Combine(dataDirectory, "identity");
        Directory.CreateDirectory(directory);
        var keyPath = Path.Combine(directory, "dev-issuer.key.pem");
        var credentialPath = Path.GetFullPath(Path.Combine(directory, "credential.jwt"));

        var key = ECDsa.Create();
        var created = !File.Exists(keyPath);
        if (created)
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            WriteOwnerOnly(keyPath, key.ExportECPrivateKeyPem());
        }
        else
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        // The public half, for member connectors that trust this issuer (Identity:IssuerPublicKeyPath).
        var publicKeyPath = Path.Combine(directory, "dev-issuer.public.pem");
        if (created || !File.Exists(publicKeyPath))
        {
            File.WriteAllText(publicKeyPath, key.ExportSubjectPublicKeyInfoPem());
        }
        var signer = new CredentialIssuer(Issuer, key, time);
        if (created || !File.Exists(credentialPath))
        {
            WriteOwnerOnly(credentialPath, signer.Issue(ParticipantId, Roles, audience, TimeSpan.FromDays(365)));
        }
        return new Result(new TrustedIssuer(Issuer, key, audience) { Signer = signer }, signer, credentialPath, created);
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
