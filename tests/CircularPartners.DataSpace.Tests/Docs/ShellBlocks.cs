using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Tests.Docs;

/// <summary>One fenced shell block of a Markdown document.</summary>
/// <param name="Document">The document's path inside the repository.</param>
/// <param name="Line">The line of the opening fence (1-based).</param>
/// <param name="Code">The block's text.</param>
/// <param name="Runs">
/// Whether the docs test runs it: every <c>```bash</c> block does, unless the line before its fence
/// is an HTML comment starting <c>&lt;!-- no-run</c> that says why (a placeholder, a cloud
/// deployment, a connector the test starts itself).
/// </param>
public sealed record ShellBlock(string Document, int Line, string Code, bool Runs);

/// <summary>Extracts the shell blocks of a Markdown document.</summary>
public static partial class ShellBlocks
{
    public static IReadOnlyList<ShellBlock> Extract(string root, string document)
    {
        var lines = File.ReadAllLines(Path.Combine(root, document));
        var blocks = new List<ShellBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }
            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                code.Add(lines[i]);
            }
            var language = fence.Groups["lang"].Value;
            if (language is not ("bash" or "sh" or "shell"))
            {
                continue;
            }
            var previous = start > 0 ? lines[start - 1].Trim() : "";
            var noRun = previous.StartsWith("<!-- no-run", StringComparison.Ordinal);
            blocks.Add(new ShellBlock(document, start + 1, string.Join('\n', code), !noRun));
        }
        return blocks;
    }

    [GeneratedRegex(@"^```(?<lang>[A-Za-z]*)\s*$")]
    private static partial Regex Fence();
}
