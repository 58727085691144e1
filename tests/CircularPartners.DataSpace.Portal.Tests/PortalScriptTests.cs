using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Portal.Tests;

/// <summary>
/// The README's one command (tools/run-portal.sh), run as written but on free ports and a scratch
/// data directory: the connector and the portal start, and the first visit is signed in.
/// </summary>
public sealed class PortalScriptTests
{
    [Fact]
    public async Task RunPortalScript_FirstVisit_IsSignedInAsTheDevelopmentParticipant()
    {
        using var data = new TempDirectory();
        var portal = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "tools", "run-portal.sh")])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                // The test run has built both programs already, in the test's own configuration.
                ["PORTAL_BUILD"] = "0",
                ["PORTAL_CONFIGURATION"] = Configuration,
                ["PORTAL_URL"] = portal.ToString().TrimEnd('/'),
                ["CPDS_CONNECTOR"] = $"http://127.0.0.1:{FreePort()}",
                ["CPDS_REST"] = $"http://127.0.0.1:{FreePort()}",
                ["CPDS_DATA"] = data.Path,
            },
        };
        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = portal };
            var page = await FirstAnswerAsync(http, "/Members", process);

            Assert.True(page is not null, "the portal did not answer; the script said:\n" + Snapshot(output));
            Assert.Contains("会員名簿", page, StringComparison.Ordinal);
            Assert.Contains("local-participant", page, StringComparison.Ordinal);
            Assert.DoesNotContain("role=\"alert\"", page, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Polls until the portal answers 200 (the auto sign-in redirects once), or the script ends.</summary>
    private static async Task<string?> FirstAnswerAsync(HttpClient http, string path, Process script)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!budget.IsCancellationRequested && !script.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(path, budget.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(budget.Token);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                break;
            }
            await Task.Delay(250, CancellationToken.None);
        }
        return null;
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
