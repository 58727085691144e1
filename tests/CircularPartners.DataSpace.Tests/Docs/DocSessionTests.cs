using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Docs;

/// <summary>The machinery of the docs test: which blocks run, and that a failing one is reported with its text and output.</summary>
public sealed class DocSessionTests : IDisposable
{
    private readonly TempDirectory _work = new();

    [Fact]
    public void Extract_NoRunComment_MarksOnlyTheNextBlock()
    {
        var blocks = Extract("""
            <!-- no-run: a placeholder -->
            ```bash
            cpds get <id>
            ```
            ```bash
            echo runs
            ```
            ```
            not shell
            ```
            """);

        Assert.Equal([false, true], blocks.Select(b => b.Runs));
    }

    [Fact]
    public async Task Run_FailingBlock_ReportsItsLineTextAndOutput()
    {
        var blocks = Extract("""
            ```bash
            GREETING=hello
            ```

            ```bash
            echo "$GREETING from 127.0.0.1:5080"
            false
            ```
            """);

        var outcome = await DocSession.RunAsync(blocks, _work.Path, new Dictionary<int, int> { [5080] = 15080 }, new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

        Assert.False(outcome.Succeeded);
        Assert.Contains("doc.md:5", outcome.Report, StringComparison.Ordinal);
        Assert.Contains("hello from 127.0.0.1:15080", outcome.Report, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", outcome.Report, StringComparison.Ordinal);
    }

    private List<ShellBlock> Extract(string markdown)
    {
        File.WriteAllText(Path.Combine(_work.Path, "doc.md"), markdown);
        return [.. ShellBlocks.Extract(_work.Path, "doc.md")];
    }

    public void Dispose() => _work.Dispose();
}
