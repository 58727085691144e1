using System.Security.Cryptography;
using CircularPartners.DataSpace.Connector.Identity;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>
/// Mints a membership credential from a development connector's issuer key, so a load test on
/// one machine can act as a second participant (e.g. the recycler reading with a data-access
/// token). Development profile only: the key is the one the connector wrote under its data directory.
/// </summary>
internal static class DevCredential
{
    public static void Run(string dataDirectory, string participantId, string[] roles)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(dataDirectory, "identity", "dev-issuer.key.pem")));
        var issuer = new CredentialIssuer(DevelopmentIdentity.Issuer, key, TimeProvider.System);
        Console.WriteLine(issuer.Issue(participantId, roles.Length > 0 ? roles : ["venous"], "circularpartners-dataspace", TimeSpan.FromDays(1)));
    }
}
