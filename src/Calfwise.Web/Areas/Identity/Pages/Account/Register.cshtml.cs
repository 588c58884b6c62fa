using System.ComponentModel.DataAnnotations;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Registering. The answer never says whether the address already has an account: a new address gets an account, a
/// taken one changes nothing, and both lead to the log-in page with the same words (and both hash the passphrase, so
/// they take the same time). The genuine new person then logs in with the passphrase they chose. Errors shown are only
/// about what was typed (a malformed address, a short or guessable passphrase), never about other accounts.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(UserManager<CalfwiseUser> users) : PageModel
{
    /// <summary>The hidden field the browser's script adds with its IANA time zone (see wwwroot/js/time-zone.js).</summary>
    public const string TimeZoneField = "TimeZone";

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturnUrl.Local(Url, returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, [FromForm(Name = TimeZoneField)] string? timeZone)
    {
        ReturnUrl = SafeReturnUrl.Local(Url, returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new CalfwiseUser { UserName = Input.Email, Email = Input.Email, TimeZone = PersonClock.FindZone(timeZone)?.Id };
        var created = await users.CreateAsync(user, Input.Password).ConfigureAwait(false);
        var ownErrors = created.Errors.Where(e => e.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))).ToList();
        if (ownErrors.Count > 0)
        {
            foreach (var error in ownErrors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        return RedirectToPage("./Login", new { returnUrl = ReturnUrl, registered = true });
    }

    public sealed class RegisterInput : EmailInput
    {
        [Required(ErrorMessage = "Choose a passphrase.")]
        [StringLength(PasswordStrength.MaxLength, MinimumLength = PasswordStrength.MinLength, ErrorMessage = PasswordStrength.LengthMessage)]
        [DataType(DataType.Password)]
        [Display(Name = "Passphrase")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Passphrase again")]
        [Compare(nameof(Password), ErrorMessage = "The two passphrases are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
