using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Identity;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>Sign in with one's membership credential, or (development profile) as a local participant.</summary>
internal sealed class SignInModel(PortalSignIn signIn, DevelopmentParticipants development) : PortalPageModel
{
    public bool DevelopmentEnabled => development.Enabled;

    public string? DevelopmentParticipant { get; private set; }

    public IReadOnlyList<Participant> LocalMembers { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync() => await LoadDevelopmentAsync();

    public async Task<IActionResult> OnPostCredentialAsync(string? credential)
    {
        Error = await signIn.SignInAsync(HttpContext, credential ?? "");
        return Error is null ? Back() : await ReloadAsync();
    }

    public async Task<IActionResult> OnPostDevelopmentAsync(string participantId)
    {
        if (!development.Enabled)
        {
            return NotFound();
        }
        try
        {
            Error = await signIn.SignInAsync(HttpContext, await development.CredentialForAsync(participantId));
        }
        catch (RpcException ex)
        {
            Error = Connectors.ApiError.From(ex);
        }
        return Error is null ? Back() : await ReloadAsync();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/SignIn");
    }

    private LocalRedirectResult Back() => LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/");

    private async Task<IActionResult> ReloadAsync()
    {
        await LoadDevelopmentAsync();
        return Page();
    }

    private async Task LoadDevelopmentAsync()
    {
        if (!development.Enabled)
        {
            return;
        }
        DevelopmentParticipant = development.OwnParticipant;
        if (DevelopmentParticipant is null)
        {
            return;
        }
        try
        {
            LocalMembers = await development.MembersAsync();
        }
        catch (RpcException ex)
        {
            Error ??= Connectors.ApiError.From(ex);
        }
    }
}
