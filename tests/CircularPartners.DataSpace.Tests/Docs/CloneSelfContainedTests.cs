using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Docs;

/// <summary>
/// The suite runs on a fresh clone: every sample a test reads lies inside the repository, and
/// each copied sample is attributed (source, commit, licence) in tests/corpora/README.md.
/// </summary>
public sealed class CloneSelfContainedTests
{
    [Fact]
    public void CorpusSamples_LieInsideTheRepository()
    {
        var samples = Path.GetFullPath(RepositoryPaths.CorpusSamples);
        Assert.StartsWith(RepositoryPaths.Root + Path.DirectorySeparatorChar, samples, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.EnumerateFiles(samples, "*.json"));
    }

    [Fact]
    public void CorpusReadme_EverySample_HasSourceAndLicence()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "corpora", "README.md"));
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.CorpusSamples, "*.json"))
        {
            var row = readme.SingleOrDefault(l => l.StartsWith("| samples/" + Path.GetFileName(file) + " |", StringComparison.Ordinal));
            Assert.True(row is not null, Path.GetFileName(file) + " is not listed in tests/corpora/README.md");
            Assert.Matches(@"@[0-9a-f]{7,40}", row);
            Assert.Matches(@"CC-BY-4\.0|Apache-2\.0|GPL-3\.0", row);
        }
    }
}
