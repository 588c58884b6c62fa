using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Calfwise.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Calfwise.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Logging in. The answer is the same for a wrong passphrase and an unknown address; while <see cref="LoginThrottle"/>
/// says to wait, the answer is 429 with <c>Retry-After</c>; the return address is followed only when it is local.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<CalfwiseUser> signIn, ILoginThrottle throttle, IOptions<IdentityOptions> identity) : PageModel
{
    public const string WrongMessage = "That email address and passphrase do not match an account.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>True when coming from registration: the page says what to do next, the same for every address.</summary>
    public bool Registered { get; private set; }

    public void OnGet(string? returnUrl, bool registered = false)
    {
        ReturnUrl = SafeReturnUrl.Local(Url, returnUrl);
        Registered = registered;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = SafeReturnUrl.Local(Url, returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: false).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            // The throttle's wait; or, after wrong two-factor codes, Identity's lockout (see IdentitySetup).
            var wait = throttle.Wait(Input.Email) is { Ticks: > 0 } delay ? delay : identity.Value.Lockout.DefaultLockoutTimeSpan;
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, $"Too many wrong passphrases for this address. Please wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.");
            var page = Page();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }

        ModelState.AddModelError(string.Empty, WrongMessage);
        return Page();
    }

    public sealed class LoginInput : EmailInput
    {
        [Required(ErrorMessage = "Enter your passphrase.")]
        [StringLength(PasswordStrength.MaxLength, ErrorMessage = "The passphrase must be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Passphrase")]
        public string Password { get; set; } = "";

        [Display(Name = "Remember me on this device")]
        public bool RememberMe { get; set; }
    }
}
