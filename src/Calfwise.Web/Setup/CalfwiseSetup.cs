using System.Threading.RateLimiting;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Knowledge;
using Calfwise.Web.Api;
using Calfwise.Web.Cds;
using Microsoft.AspNetCore.DataProtection;
using Scalar.AspNetCore;

namespace Calfwise.Web.Setup;

/// <summary>Composition of the web app: services, security, storage and endpoints.</summary>
public static class CalfwiseSetup
{
    public const string ApiRateLimit = "api";

    public static void AddCalfwise(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddCalfwiseDeployment();

        services.AddSingleton(EmbeddedKnowledge.Instance);
        services.AddSingleton<AssessmentEngine>();
        services.AddSingleton<Interviewer>();
        services.AddSingleton<DiaryPatterns>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(ConfiguredLocale(configuration));
        services.AddSingleton(sp => new AssessmentPresenter(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<Locale>()));
        services.AddScoped<Pages.PersonalAssessment>();
        services.AddCalfwiseTelemetry(configuration);
        services.AddCalfwiseCds(configuration);

        services.AddCalfwiseStorage(
            configuration.GetConnectionString("Postgres"),
            ContentRoot.Resolve(builder.Environment.ContentRootPath, configuration["Storage:SqlitePath"] ?? Storage.DefaultSqlitePath),
            configuration.GetSection(StorageLimits.Section).Get<StorageLimits>());
        // The keys that protect cookies and antiforgery tokens live in the database, so a second instance of the app
        // behind the same proxy reads what the first wrote (docs/web.md).
        services.AddDataProtection().PersistKeysToDbContext<CalfwiseDbContext>().SetApplicationName("Calfwise");
        services.AddScoped<PersonClock>();
        services.AddSingleton<Areas.Identity.PendingResults>();
        services.AddCalfwiseIdentity(configuration);
        services.AddCalfwiseAdmin(configuration);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.Name = "calfwise";
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            // A signed-in account refused a page (only /Admin has a policy beyond signing in) gets 403, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Diary");
            options.Conventions.AuthorizeFolder("/Report");
            options.Conventions.AuthorizeFolder("/Admin", AdminAccess.Policy);
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageLimitHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.RespectNullableAnnotations = true;
        });
        services.AddOpenApi(Api.OpenApiExamples.Configure);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = ClientPartition.RetryAfter;
            var apiPermits = configuration.GetValue("RateLimits:ApiPermitsPerMinute", 600);
            var loginPermits = configuration.GetValue("RateLimits:LoginPermitsPerMinute", 10);
            options.AddPolicy(ApiRateLimit, context => SharedRateLimits.PerMinute(context, "api:" + ClientPartition.Key(context), apiPermits));
            var pagePermits = configuration.GetValue("RateLimits:PagePostsPerMinute", 120);
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !HttpMethods.IsPost(context.Request.Method) || context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                                                           || context.Request.Path.StartsWithSegments("/cds-services", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetNoLimiter("none") // the API and the CDS services have their own policy
                    : context.Request.Path.StartsWithSegments("/Identity/Account", StringComparison.OrdinalIgnoreCase)
                        ? SharedRateLimits.PerMinute(context, "login:" + ClientPartition.Key(context), loginPermits)
                        : SharedRateLimits.PerMinute(context, "pages:" + ClientPartition.Key(context), pagePermits));
        });
    }

    /// <summary>The locale of <c>Calfwise:Locale:Country</c> (default GB); an unknown code stops the start with the known ones.</summary>
    public static Locale ConfiguredLocale(IConfiguration configuration)
    {
        var country = configuration["Calfwise:Locale:Country"];
        return string.IsNullOrWhiteSpace(country)
            ? Locale.Default
            : Locale.For(country) ?? throw new InvalidOperationException(
                $"Calfwise:Locale:Country '{country}' is not known; use one of {string.Join(", ", Locale.Countries.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Creates or migrates the database on start, so the app runs with no setup.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await Storage.MigrateAsync(scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>()).ConfigureAwait(false);
    }

    public static void UseCalfwise(this WebApplication app)
    {
        app.UseCalfwiseDeploymentFirst();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health");
        app.MapCalfwiseTelemetry();
        app.MapCalfwiseApi();
        app.MapFhirApi();
        app.MapDiaryApi();
        app.MapCalfwiseCds();
        app.MapRazorPages();
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
