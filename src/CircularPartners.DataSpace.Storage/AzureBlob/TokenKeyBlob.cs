using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// The data-access token signing key, one for all replicas: created once in the container with
/// If-None-Match:* (the replica that loses the race reads the winner's) and read by every replica at
/// start-up. Chosen over a key mounted from a Kubernetes Secret because it needs no operator step and
/// cannot drift between replicas; it adds no new trust either: whoever can write this container can
/// already rewrite the agreements the tokens stand for. The blob sits outside the public surface (the
/// container is private) and, like every blob, is encrypted at rest by the storage account.
/// </summary>
internal static class TokenKeyBlob
{
    public static async Task<string> LoadOrCreateAsync(BlobContainerClient container, StoreResilience resilience, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobLayout.TokenSigningKey);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return (await resilience.RunAsync(async token => (await blob.DownloadContentAsync(token)).Value.Content, cancellationToken)).ToString();
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = key.ExportECPrivateKeyPem();
            try
            {
                await resilience.RunAsync(async token => await blob.UploadAsync(BinaryData.FromString(pem),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, token), cancellationToken);
                return pem;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another replica created it first (or a retried upload of ours landed): read the stored one.
            }
        }
        throw new StoreUnavailableException("The token signing key could not be read from the store; retry shortly.");
    }
}
