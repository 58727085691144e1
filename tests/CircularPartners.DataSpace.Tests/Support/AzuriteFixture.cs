using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// An Azurite blob emulator (installed by tools/test.sh from tools/package.json) on a free loopback
/// port, with its data in a scratch directory. <see cref="Stop"/> and <see cref="Start"/> simulate an
/// outage: the same port and location are reused, so the stored blobs survive it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly TempDirectory _location = new();
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>The emulator's well-known development account on this fixture's port.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => Start();

    public async Task Start()
    {
        var executable = Path.Combine(RepositoryPaths.Root, "tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("Azurite is not installed; run `npm install --prefix tools` (tools/test.sh does).");
        }
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--skipApiVersionCheck", "--disableTelemetry", "--location", _location.Path, "--silent",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("Azurite did not listen within 15 s.");
    }

    /// <summary>
    /// Shuts Azurite down the way an orchestrator would (SIGTERM). Azurite saves its metadata only
    /// every few seconds, so a SIGKILL would lose acknowledged writes, which real Azure never does.
    /// </summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    term.WaitForExit();
                }
                if (!process.WaitForExit(10_000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
            process.Dispose();
            _process = null;
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        _location.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
