using Calfwise.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Calfwise.Web.Setup;

/// <summary>
/// A save refused by a storage limit that no page or endpoint turned into its own message (for example an over-long
/// email on an account page) is a 400 problem naming the field, never a 500.
/// </summary>
public sealed class StorageLimitHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not StorageLimitException { Error: var error })
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The input is too large to keep.",
                Detail = $"{error.Field}: {error.Message}",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] } },
            },
        }).ConfigureAwait(false);
    }
}
