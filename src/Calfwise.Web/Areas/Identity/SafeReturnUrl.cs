using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// Return addresses are followed only within the site: an address elsewhere (<c>https://other.example</c>,
/// <c>//other.example</c>, <c>/\other.example</c>) becomes the home page. The account pages call <see cref="Local"/>;
/// as a page filter it also cleans the <c>returnUrl</c> of the Identity UI's own pages before they use it.
/// </summary>
public sealed class SafeReturnUrl : IPageFilter
{
    public const string Home = "/";

    public static string Local(IUrlHelper url, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        return !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : Home;
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerInstance is not Microsoft.AspNetCore.Mvc.RazorPages.PageModel page)
        {
            return;
        }

        foreach (var key in context.HandlerArguments.Keys.Where(k => k.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (context.HandlerArguments[key] is string value && !page.Url.IsLocalUrl(value))
            {
                context.HandlerArguments[key] = Home;
            }
        }
    }

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
