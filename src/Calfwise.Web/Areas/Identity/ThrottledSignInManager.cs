using Calfwise.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// Logging in with an email and passphrase: refused without checking while <see cref="LoginThrottle"/> says to wait,
/// each attempt counted there until it succeeds (never Identity's hard lockout), and an unknown address costs a passphrase hash check like a
/// real one, so neither the answer nor its time tells whether the address has an account.
/// </summary>
public sealed class ThrottledSignInManager(
    UserManager<CalfwiseUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CalfwiseUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CalfwiseUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CalfwiseUser> confirmation,
    IPasswordHasher<CalfwiseUser> hasher,
    ILoginThrottle throttle)
    : SignInManager<CalfwiseUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly CalfwiseUser DummyUser = new() { Id = "dummy", UserName = "dummy" };

    /// <summary>A hash of a random passphrase, made once, checked against for unknown addresses.</summary>
    private static string? s_dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (throttle.Attempt(userName) > TimeSpan.Zero)
        {
            return SignInResult.LockedOut;
        }

        var user = await UserManager.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            s_dummyHash ??= hasher.HashPassword(DummyUser, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(DummyUser, s_dummyHash, password);
            return SignInResult.Failed;
        }

        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false).ConfigureAwait(false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(userName);
        }

        return result;
    }
}
