using CircularPartners.DataSpace.Portal.Connectors;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>
/// A page over connector calls: a refused or failed call becomes an <see cref="ApiError"/> the
/// page shows in plain words, and the page still renders (a connector that is down never takes
/// the portal down with it).
/// </summary>
internal abstract class PortalPageModel : PageModel
{
    /// <summary>The first call that failed, shown at the top of the page.</summary>
    public ApiError? Error { get; protected set; }

    /// <summary>What a form just did, e.g. "joined".</summary>
    public string? Notice { get; protected set; }

    /// <returns>The answer, or null when the call failed (and <see cref="Error"/> says why).</returns>
    protected async Task<T?> CallAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call, CallOptions options) where T : class
    {
        try
        {
            return await call(options);
        }
        catch (RpcException ex)
        {
            Error ??= ApiError.From(ex);
            return null;
        }
    }
}
