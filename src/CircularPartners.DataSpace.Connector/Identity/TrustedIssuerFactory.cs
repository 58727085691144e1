using System.Security.Cryptography;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>The configured trusted issuer, or the development profile's local one.</summary>
internal static class TrustedIssuerFactory
{
    public static TrustedIssuer Create(IdentityOptions options, string dataDirectory, TimeProvider time, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            var development = DevelopmentIdentity.Ensure(dataDirectory, options.Audience, time);
            if (development.Created)
            {
                ConnectorLog.DevelopmentIdentityCreated(logger, DevelopmentIdentity.ParticipantId, development.CredentialPath);
            }
            else
            {
                ConnectorLog.DevelopmentIdentityReused(logger, DevelopmentIdentity.ParticipantId, development.CredentialPath);
            }
            return development.Trusted;
        }
        if (string.IsNullOrWhiteSpace(options.IssuerPublicKeyPath) || !File.Exists(options.IssuerPublicKeyPath))
        {
            throw new InvalidOperationException(
                $"Identity:IssuerPublicKeyPath must name the PEM public key of issuer '{options.Issuer}' (found '{options.IssuerPublicKeyPath}').");
        }
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(options.IssuerPublicKeyPath));
        return new TrustedIssuer(options.Issuer, key, options.Audience);
    }
}
