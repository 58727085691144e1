using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>
/// An Azurite blob emulator from tools/node_modules (run `npm install --prefix tools` first) on a
/// free loopback port, with its data in a scratch directory removed on disposal.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;
    private readonly string _location;
    private readonly int _port;

    private AzuriteProcess(Process process, string location, int port)
    {
        _process = process;
        _location = location;
        _port = port;
    }

    /// <summary>The emulator's well-known development account.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{_port}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync()
    {
        var location = Directory.CreateTempSubdirectory("cpds-bench-azurite-").FullName;
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(Path.Combine(FindRoot(), "tools", "node_modules", ".bin", "azurite-blob"))
        {
            ArgumentList = { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableTelemetry", "--location", location, "--silent" },
            UseShellExecute = false,
        })!;
        var azurite = new AzuriteProcess(process, location, port);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return azurite;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await azurite.DisposeAsync();
        throw new TimeoutException("Azurite did not start.");
    }

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CircularPartners.DataSpace.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root not found.");
    }

    public ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(_location, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
