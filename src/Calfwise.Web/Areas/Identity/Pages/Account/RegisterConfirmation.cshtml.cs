using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Areas.Identity.Pages.Account;

/// <summary>Gone: "not found" for every address, so it cannot tell which ones have accounts.</summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    public IActionResult OnGet() => NotFound();
}
