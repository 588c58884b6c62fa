using Calfwise.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using RegisterModel = Microsoft.AspNetCore.Identity.UI.V5.Pages.Account.Internal.RegisterModel;

namespace Calfwise.Web.Setup;

/// <summary>
/// Keeps the time zone a browser posts with the registration form (a hidden field the layout's script adds to the
/// Identity UI's form) with the new account, so the person's "today" is theirs from the start. Only after the account
/// was created: a failed registration changes nothing.
/// </summary>
public sealed class RegistrationTimeZone(UserManager<CalfwiseUser> users, DiaryStore diary) : IAsyncPageFilter
{
    public const string Field = "TimeZone";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next().ConfigureAwait(false);
        if (context.HandlerInstance is not RegisterModel { Input.Email: { } email }
            || !HttpMethods.IsPost(context.HttpContext.Request.Method)
            || executed.Exception is not null
            || executed.Result is not (LocalRedirectResult or RedirectToPageResult)
            || !context.HttpContext.Request.HasFormContentType
            || PersonClock.FindZone(context.HttpContext.Request.Form[Field].ToString()) is not { } zone
            || await users.FindByEmailAsync(email).ConfigureAwait(false) is not { TimeZone: null } user)
        {
            return;
        }

        await diary.SetTimeZoneAsync(user.Id, zone.Id, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
