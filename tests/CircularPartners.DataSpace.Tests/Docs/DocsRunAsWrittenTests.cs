using System.Diagnostics;
using System.Text;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Tests.Docs;

/// <summary>
/// The documents run as written: every runnable shell block of README.md, the CLI's README,
/// docs/sharing.md, docs/goals.md and docs/interop.md is executed with bash, in order, from a scratch copy of the repository (its
/// top-level entries linked, its own empty <c>data/</c>), against a connector started as the
/// README starts it: the built connector with no settings but its ports, its data folder found
/// from the repository root. A block that fails fails the test with its text and output.
/// </summary>
public sealed class DocsRunAsWrittenTests
{
    private static readonly string[] Documents = ["README.md", "src/CircularPartners.DataSpace.Cli/README.md", "docs/sharing.md", "docs/goals.md", "docs/interop.md"];

    [Theory]
    [InlineData("README.md")]
    [InlineData("src/CircularPartners.DataSpace.Cli/README.md")]
    [InlineData("docs/sharing.md")]
    [InlineData("docs/goals.md")]
    [InlineData("docs/interop.md")]
    public void Document_HasRunnableShellBlocks(string document) =>
        Assert.Contains(ShellBlocks.Extract(RepositoryPaths.Root, document), b => b.Runs);

    [Fact]
    public async Task Documents_ShellBlocks_RunAsWritten()
    {
        var workspace = Directory.CreateTempSubdirectory("cpds-docs-").FullName;
        try
        {
            LinkRepository(workspace);
            var ports = DocSession.FreePorts();
            var environment = new Dictionary<string, string>
            {
                ["PATH"] = string.Join(':', Path.Combine(workspace, ".tools"), Path.Combine(RepositoryPaths.Root, "tools", "node_modules", ".bin"),
                    Environment.GetEnvironmentVariable("PATH")),
                // `cpds` without --connector talks to the README's connector (5080, here on a free port).
                ["CPDS_CONNECTOR"] = $"http://127.0.0.1:{ports[5080]}",
                ["DOTNET_NOLOGO"] = "1",
            };
            var failures = new StringBuilder();
            using (var readmeConnector = await StartReadmeConnectorAsync(workspace, ports[5080], ports[5081]))
            {
                foreach (var document in Documents)
                {
                    var outcome = await DocSession.RunAsync(ShellBlocks.Extract(RepositoryPaths.Root, document), workspace, ports, environment, TimeSpan.FromMinutes(6));
                    if (!outcome.Succeeded)
                    {
                        failures.AppendLine(outcome.Report);
                    }
                }
            }
            Assert.True(failures.Length == 0, failures.ToString());
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    /// <summary>
    /// A scratch clone: every top-level entry of the repository linked, except <c>data/</c>, which
    /// the connector creates fresh. <c>.tools</c> (where tools/install-cli.sh installs cpds) is the
    /// repository's, since that script builds in the repository itself.
    /// </summary>
    private static void LinkRepository(string workspace)
    {
        Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, ".tools"));
        foreach (var entry in Directory.EnumerateFileSystemEntries(RepositoryPaths.Root))
        {
            var name = Path.GetFileName(entry);
            if (name is "data" or ".git" or "TestResults")
            {
                continue;
            }
            File.CreateSymbolicLink(Path.Combine(workspace, name), entry);
        }
    }

    /// <summary>
    /// README: <c>dotnet run --project src/CircularPartners.DataSpace.Connector</c>, that is the
    /// built connector, run from the clone, with only the ports moved.
    /// </summary>
    private static async Task<ReadmeConnector> StartReadmeConnectorAsync(string workspace, int grpcPort, int restPort)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ConnectorDll());
        info.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}";
        info.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{restPort}";
        var process = Process.Start(info)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var connector = new ReadmeConnector(process, log);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var health = new Health.HealthClient(channel);
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            try
            {
                var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1));
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    // The README's promise: the data folder is the clone's ./data, printed at start-up.
                    var data = Path.Combine(workspace, "data");
                    Assert.True(File.Exists(Path.Combine(data, "identity", "credential.jwt")), connector.Log);
                    Assert.Contains(data, connector.Log, StringComparison.Ordinal);
                    return connector;
                }
            }
            catch (RpcException)
            {
            }
            await Task.Delay(100);
        }
        connector.Dispose();
        throw new InvalidOperationException("The README's connector did not start:\n" + connector.Log);
    }

    private static string ConnectorDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryPaths.Root, "src", "CircularPartners.DataSpace.Connector", "bin", configuration, "net10.0", "CircularPartners.DataSpace.Connector.dll");
    }

    private sealed class ReadmeConnector(Process process, StringBuilder log) : IDisposable
    {
        public string Log
        {
            get
            {
                lock (log)
                {
                    return log.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
    }
}
