namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>Locates the repository from the test binaries; everything a test reads lies inside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();
    public static string Schemas => Path.Combine(Root, "schemas");
    public static string Examples => Path.Combine(Schemas, "examples");
    public static string CorpusSamples => Path.Combine(Root, "tests", "corpora", "samples");

    public static string Example(string useCase) => File.ReadAllText(Path.Combine(Examples, useCase + ".json"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CircularPartners.DataSpace.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
