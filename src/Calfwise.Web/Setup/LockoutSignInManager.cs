using Calfwise.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Calfwise.Web.Setup;

/// <summary>
/// The Identity UI's log-in page signs in with lockoutOnFailure: false; Calfwise always counts failures, so repeated
/// wrong passwords lock the account (5 failures, 15 minutes; see CalfwiseSetup).
/// </summary>
public sealed class LockoutSignInManager(
    UserManager<CalfwiseUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CalfwiseUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CalfwiseUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CalfwiseUser> confirmation)
    : SignInManager<CalfwiseUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure) =>
        base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure: true);
}
