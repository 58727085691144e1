using System.Text.RegularExpressions;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Where a blob container is and how to reach it, as every container setting says it: exactly one of
/// a connection string or an account URL (credential from Azure.Identity's default chain), and a
/// container name. Shared by the primary store's and the backup's settings.
/// </summary>
public static partial class BlobContainerAddress
{
    /// <summary>Adds a problem per invalid value, naming the setting under <paramref name="section"/> and the Helm value under <paramref name="helm"/>.</summary>
    public static void Validate(string? connectionString, string? accountUrl, string? containerName, string section, string helm, List<string> errors)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(connectionString);
        var hasAccountUrl = !string.IsNullOrWhiteSpace(accountUrl);
        if (hasConnectionString == hasAccountUrl)
        {
            errors.Add($"Set exactly one of {section}:ConnectionString or {section}:AccountUrl (Helm: {helm}.connectionStringSecret or {helm}.accountUrl).");
        }
        if (hasAccountUrl && (!Uri.TryCreate(accountUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add($"{section}:AccountUrl must be an absolute http(s) URL such as https://account.blob.core.windows.net (Helm: {helm}.accountUrl).");
        }
        if (!ContainerNamePattern().IsMatch(containerName ?? ""))
        {
            errors.Add($"{section}:ContainerName must be 3-63 lowercase letters, digits or single hyphens, starting with a letter or digit (Helm: {helm}.containerName).");
        }
    }

    /// <summary>A client of the container, with the SDK options the caller's retry policy needs.</summary>
    public static BlobContainerClient Connect(string? connectionString, string? accountUrl, string containerName, BlobClientOptions clientOptions)
    {
        var service = string.IsNullOrWhiteSpace(connectionString)
            ? new BlobServiceClient(new Uri(accountUrl!), new DefaultAzureCredential(), clientOptions)
            : new BlobServiceClient(connectionString, clientOptions);
        return service.GetBlobContainerClient(containerName);
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerNamePattern();
}
