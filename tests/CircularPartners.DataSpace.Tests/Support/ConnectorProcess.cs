using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// The connector as a real process listening on loopback (h2c for gRPC, HTTP/1 for REST), with
/// the development profile creating its credential: exactly what the quick start runs.
/// </summary>
public sealed class ConnectorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ConnectorProcess(Process process, int grpcPort, int restPort, string dataDirectory)
    {
        _process = process;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        RestAddress = new Uri($"http://127.0.0.1:{restPort}");
        DataDirectory = dataDirectory;
    }

    public Uri GrpcAddress { get; }
    public Uri RestAddress { get; }
    public string DataDirectory { get; }
    public string Credential => File.ReadAllText(Path.Combine(DataDirectory, "identity", "credential.jwt")).Trim();

    public static async Task<ConnectorProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var grpcPort = FreePort();
        var restPort = FreePort();
        var info = StartInfo(dataDirectory, grpcPort, restPort, extraArgs);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var connector = new ConnectorProcess(process, grpcPort, restPort, dataDirectory);
        await connector.WaitUntilServingAsync();
        return connector;
    }

    /// <summary>Runs a connector that is expected to refuse to start; returns its exit code and stderr.</summary>
    public static async Task<(int ExitCode, string Stderr)> RunToExitAsync(string dataDirectory, params string[] extraArgs)
    {
        using var process = Process.Start(StartInfo(dataDirectory, FreePort(), FreePort(), extraArgs))!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(hangGuard.Token);
        return (process.ExitCode, await stderr);
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, int grpcPort, int restPort, string[] extraArgs)
    {
        var dll = ConnectorDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            dll,
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}", "--Kestrel:Endpoints:Grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:Rest:Url=http://127.0.0.1:{restPort}", "--Kestrel:Endpoints:Rest:Protocols=Http1",
            $"--Storage:DataDirectory={dataDirectory}", $"--Passports:SchemaDirectory={RepositoryPaths.Schemas}",
        }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }

    public PassportService.PassportServiceClient PassportClient(GrpcChannel channel)
    {
        var token = Credential;
        return new PassportService.PassportServiceClient(channel.Intercept(m =>
        {
            m.Add("authorization", "Bearer " + token);
            return m;
        }));
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, like a power cut for the process.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(GrpcAddress);
        var health = new Health.HealthClient(channel);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The connector exited with code {_process.ExitCode}.");
            }
            try
            {
                var response = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1));
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving && File.Exists(Path.Combine(DataDirectory, "identity", "credential.jwt")))
                {
                    return;
                }
            }
            catch (RpcException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The connector did not start serving.");
    }

    private static string ConnectorDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryPaths.Root, "src", "CircularPartners.DataSpace.Connector", "bin", configuration, "net10.0", "CircularPartners.DataSpace.Connector.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the connector first.", dll);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
