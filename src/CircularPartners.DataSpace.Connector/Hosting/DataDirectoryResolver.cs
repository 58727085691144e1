using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Makes <c>Storage:DataDirectory</c> absolute, independent of the working directory the
/// connector was started from: a relative path is taken from the repository root when the
/// connector runs from a checkout (so <c>dotnet run --project src/...Connector</c> uses the
/// root's <c>./data</c>, never a folder inside <c>src/</c>), else from the content root.
/// </summary>
internal sealed class DataDirectoryResolver(IHostEnvironment environment) : IPostConfigureOptions<FileStoreOptions>
{
    /// <summary>The file that marks a checkout's root.</summary>
    public const string RepositoryMarker = "CircularPartners.DataSpace.sln";

    public void PostConfigure(string? name, FileStoreOptions options) =>
        options.DataDirectory = Resolve(options.DataDirectory, environment.ContentRootPath);

    public static string Resolve(string configured, string contentRoot)
    {
        if (Path.IsPathFullyQualified(configured))
        {
            return Path.GetFullPath(configured);
        }
        return Path.GetFullPath(Path.Combine(FindRepositoryRoot(contentRoot) ?? contentRoot, configured));
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, RepositoryMarker)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
