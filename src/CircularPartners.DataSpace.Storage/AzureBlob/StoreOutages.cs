namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Hears when a storage path (e.g. "audit log") stops reaching the store and when it reaches it
/// again. The host logs it; the adapters report each transition once, never once per call.
/// </summary>
public interface IStoreOutageObserver
{
    /// <summary>The first failure after the path last worked.</summary>
    void OutageBegan(string path, string problem);

    /// <summary>The first success after <see cref="OutageBegan"/>, with how long the outage lasted.</summary>
    void OutageEnded(string path, TimeSpan lasted);
}

/// <summary>
/// The outage state of one storage path: turns the outcome of every call into at most one
/// "began" and one "ended" per outage, however many calls fail in between.
/// </summary>
internal sealed class StoreOutage(string path, IStoreOutageObserver? observer, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _since;

    /// <summary>Runs one call of the path: an outage is reported when it begins and when a later call works again.</summary>
    public async Task<T> TrackAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var result = await call(cancellationToken);
            Succeeded();
            return result;
        }
        catch (Domain.Errors.StoreUnavailableException ex)
        {
            Failed(ex);
            throw;
        }
    }

    public void Failed(Exception problem)
    {
        lock (_lock)
        {
            if (_since is not null)
            {
                return;
            }
            _since = clock.GetUtcNow();
        }
        observer?.OutageBegan(path, Describe(problem));
    }

    public void Succeeded()
    {
        DateTimeOffset since;
        lock (_lock)
        {
            if (_since is not { } began)
            {
                return;
            }
            since = began;
            _since = null;
        }
        observer?.OutageEnded(path, clock.GetUtcNow() - since);
    }

    /// <summary>The innermost message: the store's own answer (status, timeout), not the wrapper's "retry shortly".</summary>
    private static string Describe(Exception problem)
    {
        var inner = problem;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }
        return inner == problem ? problem.Message : $"{problem.Message} ({inner.GetType().Name}: {inner.Message})";
    }
}
