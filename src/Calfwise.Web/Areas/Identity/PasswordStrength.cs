using Calfwise.Data;
using Microsoft.AspNetCore.Identity;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// The passphrase rule, in one place: at least <see cref="MinLength"/> characters, no composition rules (NIST SP
/// 800-63B), and not common or guessable, as judged by zxcvbn (a strength estimator built from lists of common
/// passwords, names, words, keyboard patterns, sequences, repeats and dates) with the person's email as a known word.
/// </summary>
public sealed class PasswordStrength : IPasswordValidator<CalfwiseUser>
{
    public const int MinLength = 10;

    /// <summary>Longer input is refused before the estimator runs, whose work grows with the length.</summary>
    public const int MaxLength = 100;

    /// <summary>zxcvbn's score from 0 (guessable in under a second) to 4; below this a passphrase is refused.</summary>
    public const int MinScore = 2;

    /// <summary>The rule as the registration page states it.</summary>
    public static string Rule =>
        $"Use at least {MinLength} characters, and not a common password or a simple pattern: a few unrelated words are easy to remember and hard to guess.";

    /// <summary>The form's length message ({2} is the least, {1} the most).</summary>
    public const string LengthMessage = "The passphrase must be at least {2} characters long (and at most {1}).";

    public const string GuessableMessage =
        "This passphrase is too easy to guess: it is a common password or a simple pattern. Try a few unrelated words.";

    public Task<IdentityResult> ValidateAsync(UserManager<CalfwiseUser> manager, CalfwiseUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Identity's own validator refuses a passphrase under MinLength (see IdentitySetup); this one judges the rest.
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"The passphrase must be at most {MaxLength} characters long." }));
        }

        return Task.FromResult(IsGuessable(password, user.Email)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordGuessable", Description = GuessableMessage })
            : IdentityResult.Success);
    }

    /// <summary>True when zxcvbn scores the passphrase below <see cref="MinScore"/>, knowing the person's email.</summary>
    public static bool IsGuessable(string password, string? email)
    {
        var known = email is null ? ["calfwise"] : new[] { "calfwise", email, email.Split('@')[0] };
        return Zxcvbn.Zxcvbn.MatchPassword(password, known).Score < MinScore;
    }
}
