using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Tests.Docs;

/// <summary>
/// Runs the runnable shell blocks of one document, in order, in one bash session (variables carry
/// from block to block, as in a terminal), in a scratch copy of the repository. The ports the
/// documents use are swapped for free ones, so a connector already listening on the machine is
/// never reached. The session runs in its own process group, removed with everything it started.
/// </summary>
internal static partial class DocSession
{
    /// <summary>The ports the documents use: README's connector, then the walkthrough's three.</summary>
    public static readonly int[] DocumentedPorts = [5080, 5081, 6080, 6081, 7080, 7081, 8080, 8081];

    public sealed record Outcome(bool Succeeded, string Report);

    public static async Task<Outcome> RunAsync(
        IReadOnlyList<ShellBlock> blocks, string workspace, IReadOnlyDictionary<int, int> ports,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var runnable = blocks.Where(b => b.Runs).ToList();
        var script = new StringBuilder("set -euo pipefail\nexec 2>&1\n");
        for (var i = 0; i < runnable.Count; i++)
        {
            script.Append(CultureInfoInvariant($"printf '\\n@@block {i}@@\\n'\n"));
            script.Append(Substitute(runnable[i].Code, ports)).Append('\n');
        }
        var path = Path.Combine(workspace, ".doc-session-" + Guid.NewGuid().ToString("N")[..8] + ".sh");
        await File.WriteAllTextAsync(path, script.ToString());

        var info = new ProcessStartInfo("setsid") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(path);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
            }
        }
        KillGroup(process.Id);
        await process.WaitForExitAsync();
        File.Delete(path);

        string text;
        lock (output)
        {
            text = output.ToString();
        }
        if (!timedOut && process.ExitCode == 0)
        {
            return new Outcome(true, "");
        }
        var marker = BlockMarker().Matches(text).LastOrDefault();
        var index = marker is null ? 0 : int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var since = marker is null ? text : text[(marker.Index + marker.Length)..];
        var block = runnable[index];
        var why = timedOut ? $"did not finish within {timeout.TotalSeconds:0} s" : $"exited with code {process.ExitCode}";
        return new Outcome(false,
            $"{block.Document}:{block.Line}: the shell block {why}\n--- block ---\n{block.Code}\n--- output ---\n{Tail(since.Trim(), 4000)}\n");
    }

    /// <summary>Free loopback ports for the documented ones.</summary>
    public static Dictionary<int, int> FreePorts() => DocumentedPorts.ToDictionary(p => p, _ => FreePort());

    public static string Substitute(string code, IReadOnlyDictionary<int, int> ports) =>
        PortNumber().Replace(code, m => ports.TryGetValue(int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture), out var port)
            ? port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : m.Value);

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Tail(string text, int max) => text.Length <= max ? text : "..." + text[^max..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void KillGroup(int processGroup)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", "--", "-" + processGroup }, RedirectStandardError = true })!;
        kill.WaitForExit();
    }

    [GeneratedRegex(@"@@block (\d+)@@")]
    private static partial Regex BlockMarker();

    [GeneratedRegex(@"(?<![\d.])\d{4}(?![\d])")]
    private static partial Regex PortNumber();
}
