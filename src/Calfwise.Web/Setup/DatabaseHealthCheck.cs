using Calfwise.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Calfwise.Web.Setup;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(CalfwiseDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the database does not answer");
}
