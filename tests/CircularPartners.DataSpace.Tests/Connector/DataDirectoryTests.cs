using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// The connector's data folder does not depend on the working directory: the README's
/// <c>dotnet run --project src/...Connector</c> (content root = the project folder) stores under the
/// repository root's <c>./data</c>, never inside <c>src/</c>, which git would not ignore.
/// </summary>
public sealed class DataDirectoryTests
{
    [Fact]
    public void Resolve_RelativeFromTheConnectorProjectFolder_IsTheRepositoryRootsData()
    {
        var project = Path.Combine(RepositoryPaths.Root, "src", "CircularPartners.DataSpace.Connector");

        Assert.Equal(Path.Combine(RepositoryPaths.Root, "data"), DataDirectoryResolver.Resolve("data", project));
    }

    [Fact]
    public void Resolve_RelativeFromTheBuildOutput_IsTheRepositoryRootsData()
    {
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "data"), DataDirectoryResolver.Resolve("data", AppContext.BaseDirectory));
    }

    [Fact]
    public void Resolve_RelativeOutsideACheckout_IsBesideTheContentRoot()
    {
        using var elsewhere = new TempDirectory();

        Assert.Equal(Path.Combine(elsewhere.Path, "data"), DataDirectoryResolver.Resolve("data", elsewhere.Path));
    }

    [Fact]
    public void Resolve_Absolute_IsKept()
    {
        using var elsewhere = new TempDirectory();

        Assert.Equal(elsewhere.Path, DataDirectoryResolver.Resolve(elsewhere.Path, RepositoryPaths.Root));
    }

    [Fact]
    public void Gitignore_DataFolders_AreIgnoredAnywhere()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".gitignore")).Select(l => l.Trim());

        Assert.Contains("data/", lines);
    }
}
