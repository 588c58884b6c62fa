using System.Security.Claims;

namespace Calfwise.Web.Setup;

/// <summary>The signed-in person's account id, for pages and endpoints that require an account.</summary>
public static class UserIds
{
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("an authorised request has a user id");
}
