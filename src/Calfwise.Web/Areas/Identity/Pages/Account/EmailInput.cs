using System.ComponentModel.DataAnnotations;

namespace Calfwise.Web.Areas.Identity.Pages.Account;

/// <summary>The email address field of the log-in and registration forms, with its messages.</summary>
public abstract class EmailInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    [StringLength(256, ErrorMessage = "The email address must be at most {1} characters long.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";
}
