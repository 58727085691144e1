using Azure;
using CircularPartners.DataSpace.Storage.AzureBlob;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Storage;

public sealed class StoreOutageMonitorTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-30T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RecordingObserver _observer = new();

    [Fact]
    public void Failed_ManyCallsThenAnswered_ReportsOneStartWithTheCauseAndOneEndWithTheDuration()
    {
        var monitor = new StoreOutageMonitor("test store", _clock, _observer);
        monitor.Answered();

        var started = _clock.GetTimestamp();
        for (var i = 0; i < 100; i++)
        {
            monitor.Failed(new HttpRequestException("Connection refused (127.0.0.1:10000)"), started);
            _clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        Assert.True(monitor.Unreachable);
        Assert.Equal("HttpRequestException: Connection refused (127.0.0.1:10000)", monitor.Cause);
        monitor.Answered();
        Assert.True(monitor.Unreachable); // answering, but not steadily yet
        _clock.Advance(StoreOutageMonitor.Steady);
        monitor.Answered();
        monitor.Answered();

        Assert.Equal(["start test store: HttpRequestException: Connection refused (127.0.0.1:10000)", "end test store after 00:00:05 (100 failed)"], _observer.Lines);
        Assert.False(monitor.Unreachable);
        Assert.Null(monitor.Since);
        Assert.Equal(1, monitor.Outages);
    }

    [Fact]
    public void Failed_CallStartedBeforeTheStoreAnsweredAgain_IsOldNewsAndChangesNothing()
    {
        var monitor = new StoreOutageMonitor("test store", _clock, _observer);
        var slowCall = _clock.GetTimestamp();
        monitor.Failed(new TimeoutException("first"), _clock.GetTimestamp());
        _clock.Advance(TimeSpan.FromSeconds(1));
        monitor.Answered();

        monitor.Failed(new TimeoutException("old news"), slowCall);
        _clock.Advance(StoreOutageMonitor.Steady);
        monitor.Answered();

        Assert.False(monitor.Unreachable);
        Assert.Equal(["start test store: TimeoutException: first", "end test store after 00:00:01 (1 failed)"], _observer.Lines);
    }

    [Fact]
    public void Failed_WhileTheStoreComesBackHaltingly_StaysOneOutage()
    {
        var monitor = new StoreOutageMonitor("test store", _clock, _observer);
        monitor.Failed(new TimeoutException("first"), _clock.GetTimestamp());
        _clock.Advance(TimeSpan.FromSeconds(1));
        monitor.Answered();
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        monitor.Failed(new TimeoutException("again"), _clock.GetTimestamp());
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        monitor.Answered();
        _clock.Advance(StoreOutageMonitor.Steady);
        monitor.Answered();

        Assert.False(monitor.Unreachable);
        Assert.Equal(1, monitor.Outages);
        Assert.Equal(["start test store: TimeoutException: first", "end test store after 00:00:02 (2 failed)"], _observer.Lines);
    }

    [Fact]
    public void Describe_AzureAnswer_GivesStatusAndErrorCodeWithoutHeaders()
    {
        var refused = new RequestFailedException(403, "Server failed to authenticate the request.\nStatus: 403\nHeaders: ...", "AuthenticationFailed", null);

        Assert.Equal("HTTP 403 AuthenticationFailed", StoreOutageMonitor.Describe(new InvalidOperationException("wrapper", refused)));
    }

    private sealed class RecordingObserver : IStoreOutageObserver
    {
        public List<string> Lines { get; } = [];

        public void OutageStarted(string store, string cause) => Lines.Add($"start {store}: {cause}");

        public void OutageEnded(string store, TimeSpan duration, long failedCalls) => Lines.Add($"end {store} after {duration:hh\\:mm\\:ss} ({failedCalls} failed)");
    }
}
