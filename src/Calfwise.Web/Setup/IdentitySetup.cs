using Calfwise.Data;
using Calfwise.Web.Areas.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Calfwise.Web.Setup;

/// <summary>Accounts: Identity with Calfwise's passphrase rule, log-in delay, safe return addresses and session checks.</summary>
public static class IdentitySetup
{
    public static void AddCalfwiseIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        // The log-in delay counts across instances when Redis is configured (Redis:Configuration), in memory otherwise.
        if (configuration["Redis:Configuration"] is { Length: > 0 } redis)
        {
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(redis));
            services.AddSingleton<ILoginThrottle, RedisLoginThrottle>();
        }
        else
        {
            services.AddSingleton<ILoginThrottle, LoginThrottle>();
        }

        services.AddDefaultIdentity<CalfwiseUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                // Length over composition rules (NIST SP 800-63B), plus a guessability check (PasswordStrength).
                options.Password.RequiredLength = PasswordStrength.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Wrong passphrases never lock an account (LoginThrottle delays attempts instead; see ThrottledSignInManager).
                // Identity's lockout is left for wrong two-factor codes, which only someone who knows the passphrase can send.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<CalfwiseDbContext>()
            .AddSignInManager<ThrottledSignInManager>()
            .AddPasswordValidator<PasswordStrength>();

        // A deleted account or a changed password ends the other devices' sessions within a minute, and at once for writes.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var routine = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await routine(context).ConfigureAwait(false);
                await CheckBeforeWritesAsync(context).ConfigureAwait(false);
            };
        });
        services.Configure<MvcOptions>(options =>
        {
            options.Filters.Add<SafeReturnUrl>();
            options.ModelMetadataDetailsProviders.Add(new PasswordLengthMetadata());
        });
    }

    /// <summary>
    /// Before any request that may write (not GET, HEAD, OPTIONS or TRACE), the account must still exist with the same
    /// security stamp; otherwise the request goes on signed out (401 from the API, the log-in page for pages).
    /// </summary>
    private static async Task CheckBeforeWritesAsync(CookieValidatePrincipalContext context)
    {
        var method = context.Request.Method;
        if (context.Principal is not { Identity.IsAuthenticated: true } principal
            || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<CalfwiseUser>>();
        if (await signIn.ValidateSecurityStampAsync(principal).ConfigureAwait(false) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
        }
    }
}
