using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>
/// <c>cpds passport publish DIR</c> against a real connector process killed mid-stream, then the
/// same command again: what the first run got acknowledged is stored, and nothing is stored twice.
/// </summary>
public sealed partial class PublishResumeTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 300;
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _work = new();

    [Fact]
    public async Task PublishDirectory_ConnectorKilledMidStreamThenRunAgain_EveryFileStoredOnceAtVersionOne()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "passports")).FullName;
        var ids = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var request = Passports.Request("battery");
            ids.Add(request.PassportId);
            File.WriteAllText(Path.Combine(dir, $"p-{i:D3}.json"), request.Json);
        }
        var credential = Path.Combine(_data.Path, "identity", "credential.jwt");

        int firstExit;
        string firstOut, firstErr;
        Uri firstAddress;
        await using (var connector = await ConnectorProcess.StartAsync(_data.Path))
        {
            firstAddress = connector.GrpcAddress;
            // Records leave the CLI a little apart, so the kill lands while the stream runs.
            using var paced = GrpcChannel.ForAddress(connector.GrpcAddress, new GrpcChannelOptions { HttpHandler = new PacedHandler() });
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var run = CliApp.RunAsync(
                ["--connector", connector.GrpcAddress.ToString(), "--credential", credential, "passport", "publish", dir, "--schema", "battery/1.0"],
                stdout, stderr, _ => paced);
            using var probe = GrpcChannel.ForAddress(connector.GrpcAddress);
            var client = connector.PassportClient(probe);
            while (!await IsStoredAsync(client, ids[Count / 3]) && !run.IsCompleted)
            {
                await Task.Delay(5);
            }
            connector.Kill();
            firstExit = await run;
            (firstOut, firstErr) = (stdout.ToString(), stderr.ToString());
        }

        output.WriteLine($"first run: exit {firstExit}\n{firstOut}{firstErr}");
        int heldAfterCrash;
        int secondExit;
        string secondOut;
        await using (var connector = await ConnectorProcess.StartAsync(_data.Path))
        {
            using var channel = GrpcChannel.ForAddress(connector.GrpcAddress);
            var client = connector.PassportClient(channel);
            heldAfterCrash = 0;
            foreach (var id in ids)
            {
                heldAfterCrash += await IsStoredAsync(client, id) ? 1 : 0;
            }
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            secondExit = await CliApp.RunAsync(
                ["--json", "--connector", connector.GrpcAddress.ToString(), "--credential", credential, "passport", "publish", dir, "--schema", "battery/1.0"],
                stdout, stderr);
            secondOut = stdout.ToString();
        }

        Assert.True(firstExit is ExitCodes.Unreachable or ExitCodes.Other, $"exit {firstExit}: {firstErr}");
        Assert.Contains(firstAddress.Authority, firstErr, StringComparison.Ordinal);
        var counts = SummaryLine().Match(firstOut);
        Assert.True(counts.Success, firstOut);
        var acknowledged = int.Parse(counts.Groups["acknowledged"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0", counts.Groups["refused"].Value);
        Assert.InRange(acknowledged, 1, heldAfterCrash);
        Assert.True(heldAfterCrash < Count, "the kill came after everything was stored");

        Assert.Equal(ExitCodes.Success, secondExit);
        using var report = JsonDocument.Parse(secondOut);
        var results = report.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, Count), results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(results, r => Assert.True(r.GetProperty("ok").GetBoolean()));
        Assert.Equal(heldAfterCrash, results.Count(r => r.GetProperty("unchanged").GetBoolean()));
        Assert.Equal(Count - heldAfterCrash, report.RootElement.GetProperty("acknowledged").GetInt32());
        Assert.Equal(heldAfterCrash, report.RootElement.GetProperty("skipped").GetInt32());

        var store = FilePassportStore.Open(new FileStoreOptions { DataDirectory = _data.Path });
        await using var _ = store;
        var latest = new List<(string Id, long Version)>();
        await foreach (var record in store.ReadLatestAsync(default))
        {
            latest.Add((record.PassportId, record.Version));
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), latest.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(latest, r => Assert.Equal(1, r.Version));
    }

    private static async Task<bool> IsStoredAsync(PassportService.PassportServiceClient client, string id)
    {
        try
        {
            await client.GetAsync(new GetPassportRequest { PassportId = id });
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?<acknowledged>\d+) acknowledged, (?<skipped>\d+) skipped \(unchanged\), (?<refused>\d+) refused")]
    private static partial Regex SummaryLine();

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
    }

    /// <summary>Sends the request body in small, spaced writes, as a slow link would.</summary>
    private sealed class PacedHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                request.Content = new PacedContent(content);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class PacedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public PacedContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _inner.CopyToAsync(new PacedStream(stream));

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class PacedStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(3, cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
