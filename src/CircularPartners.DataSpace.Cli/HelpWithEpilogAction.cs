using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// The standard help followed by an epilog; System.CommandLine 2.0 has no epilog setting, so the
/// help option's action is wrapped instead.
/// </summary>
internal sealed class HelpWithEpilogAction(HelpAction inner, string epilog) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = inner.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(epilog);
        return exitCode;
    }

    /// <summary>Replaces the action of the help option <paramref name="root"/> carries (recursively for subcommands).</summary>
    public static void Install(RootCommand root, string epilog)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithEpilogAction(standard, epilog);
        }
    }
}
