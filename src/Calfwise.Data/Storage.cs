using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Data;

/// <summary>Which database, from configuration: PostgreSQL when a connection string "Postgres" is set, else SQLite.</summary>
public static class Storage
{
    public const string DefaultSqlitePath = "data/calfwise.db";

    /// <summary>Registers <see cref="CalfwiseDbContext"/> for the chosen provider, and the stores that use it.</summary>
    public static IServiceCollection AddCalfwiseStorage(this IServiceCollection services, string? postgres, string sqlitePath, StorageLimits? limits = null)
    {
        services.AddSingleton(limits ?? new StorageLimits());
        services.AddScoped<DiaryStore>();
        services.AddScoped<AssessmentStore>();
        services.AddScoped<CdsFeedbackStore>();
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddDbContext<CalfwiseDbContext, PostgresCalfwiseDbContext>(o => o.UseNpgsql(postgres));
            return services;
        }

        var full = Path.GetFullPath(sqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        services.AddDbContext<CalfwiseDbContext, SqliteCalfwiseDbContext>(o => o.UseSqlite(connection).AddInterceptors(new SqliteSecureDelete()));
        return services;
    }

    /// <summary>Creates or migrates the database. SQLite runs in WAL mode with its default synchronous=FULL, so an acknowledged write survives a crash.</summary>
    public static async Task MigrateAsync(CalfwiseDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);

            // Completes a truncating checkpoint that an account deletion could not finish while another connection was reading.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken).ConfigureAwait(false);
        }
    }
}
