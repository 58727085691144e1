namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Runs the calls of one storage path (the audit log, a head store) through the container's
/// <see cref="StoreOutageMonitor"/>, the one place an outage is noticed, logged once and shown in
/// health: a call that gives up on the store counts as a failure, one that works as an answer.
/// </summary>
internal sealed class StoreOutage(StoreOutageMonitor? monitor, TimeProvider clock)
{
    public async Task<T> TrackAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            var result = await call(cancellationToken);
            monitor?.Answered();
            return result;
        }
        catch (Domain.Errors.StoreUnavailableException ex)
        {
            monitor?.Failed(ex, started);
            throw;
        }
    }

    public void Failed(Exception problem) => monitor?.Failed(problem, clock.GetTimestamp());

    public void Succeeded() => monitor?.Answered();
}
