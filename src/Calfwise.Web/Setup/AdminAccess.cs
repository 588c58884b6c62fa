using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Calfwise.Web.Setup;

/// <summary>
/// Who may see the administration pages (/Admin): the accounts whose e-mail address is listed in <c>Admin:Emails</c>
/// (environment: <c>Admin__Emails__0</c>, <c>Admin__Emails__1</c>, ...). Calfwise has no roles otherwise; an empty
/// list, the default, means no administrators. Addresses match without regard to case.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public IReadOnlyList<string> Emails { get; set; } = [];

    public bool IsAdmin(string? email) =>
        !string.IsNullOrWhiteSpace(email) && Emails.Any(e => string.Equals(e.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The requirement of the <see cref="AdminAccess.Policy"/> policy: a signed-in account listed as an administrator.</summary>
public sealed class AdminRequirement : IAuthorizationRequirement;

/// <summary>Checks the signed-in account's e-mail claim against <see cref="AdminOptions"/>, read afresh (a changed list applies at once).</summary>
public sealed class AdminHandler(IOptionsMonitor<AdminOptions> options) : AuthorizationHandler<AdminRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && options.CurrentValue.IsAdmin(context.User.FindFirstValue(ClaimTypes.Email)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class AdminAccess
{
    public const string Policy = "Admin";

    public static void AddCalfwiseAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<IAuthorizationHandler, AdminHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdminRequirement()));
    }
}
