using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>What a visitor sees when something failed: the status and a way back, never the exception.</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string TraceId => HttpContext.TraceIdentifier;

    public void OnGet(int? status) => Status = status ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);

    public void OnPost(int? status) => OnGet(status);
}
