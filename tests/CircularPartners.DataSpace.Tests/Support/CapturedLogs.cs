using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// A logger provider that keeps every entry (Information and above) a host writes, so a test can
/// assert what was logged, at which level and whether with an exception. Give one to a host through
/// <see cref="ConnectorHost.Logs"/>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <summary>Waits (bounded, in real time) until an entry matches; false when none came.</summary>
    public async Task<bool> WaitForAsync(Func<LogEntry, bool> match, TimeSpan? timeout = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!_entries.Any(match) && !guard.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
        return _entries.Any(match);
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId}] {Message}{(Exception is null ? "" : " | " + Exception.GetType().Name)}";
}
