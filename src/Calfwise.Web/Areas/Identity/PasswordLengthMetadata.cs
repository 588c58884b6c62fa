using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// Gives every new-passphrase field the real length rule: the Identity UI's own pages (change, set and reset
/// passphrase) declare "at least 6", which this replaces with <see cref="PasswordStrength.MinLength"/> and its message,
/// on the server and in the form's validation attributes alike. Fields with no minimum (a log-in's) are left alone.
/// </summary>
public sealed class PasswordLengthMetadata : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var validators = context.ValidationMetadata.ValidatorMetadata;
        for (var i = 0; i < validators.Count; i++)
        {
            if (validators[i] is StringLengthAttribute { MinimumLength: > 0 and < PasswordStrength.MinLength }
                && context.Attributes.OfType<DataTypeAttribute>().Any(a => a.DataType == DataType.Password))
            {
                validators[i] = new StringLengthAttribute(PasswordStrength.MaxLength)
                {
                    MinimumLength = PasswordStrength.MinLength,
                    ErrorMessage = PasswordStrength.LengthMessage,
                };
            }
        }
    }
}
