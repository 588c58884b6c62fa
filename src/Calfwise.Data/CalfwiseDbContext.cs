using System.Text.Json;
using Calfwise.Core.Cases;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Data;

/// <summary>
/// The database: accounts (ASP.NET Core Identity), saved assessments, the symptom diary, CDS Hooks feedback, and the
/// Data Protection keys (so every instance of the app reads the cookies and tokens the others wrote).
/// </summary>
/// <remarks>
/// One model, two providers: <see cref="SqliteCalfwiseDbContext"/> and <see cref="PostgresCalfwiseDbContext"/> each
/// carry the migrations for their database, generated from this same model.
/// </remarks>
public abstract class CalfwiseDbContext(DbContextOptions options) : IdentityDbContext<CalfwiseUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SavedAssessment> Assessments => Set<SavedAssessment>();

    public DbSet<EpisodeRow> Episodes => Set<EpisodeRow>();

    public DbSet<DailyFactorsRow> DailyFactors => Set<DailyFactorsRow>();

    public DbSet<CdsFeedbackRow> CdsFeedback => Set<CdsFeedbackRow>();

    /// <summary>Saves, after checking every string against its column's length (SQLite stores any length; see <see cref="CheckLengths"/>).</summary>
    /// <exception cref="StorageLimitException">A string is longer than its column allows.</exception>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckLengths();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CheckLengths();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Every string being written fits its column's maximum length: SQLite ignores declared lengths, so without this one
    /// account could store megabytes in a 60-character field; PostgreSQL would refuse with a server error instead.
    /// </summary>
    private void CheckLengths()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.GetMaxLength() is { } max && property.CurrentValue is string { Length: var length } && length > max)
                {
                    throw new StorageLimitException(new InputError(
                        JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name), $"is {length} characters long; at most {max} are stored"));
                }
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity sizes these keys from the host's IdentityOptions.Stores.MaxLengthForKeys: 128 under AddDefaultIdentity
        // (the web app), unset under AddIdentityCore or the EF tools (which generated the migrations). The model must not
        // depend on the host: on PostgreSQL the web app's model had varchar(128) where the migration has text, so it refused
        // to migrate (PendingModelChangesWarning), and EF's model cache, shared by hosts, served one host's model to another.
        // Unbounded, as the migrations have them.
        builder.Entity<IdentityUserLogin<string>>(entity =>
        {
            entity.Property(l => l.LoginProvider).Metadata.SetMaxLength(null);
            entity.Property(l => l.ProviderKey).Metadata.SetMaxLength(null);
        });
        builder.Entity<IdentityUserToken<string>>(entity =>
        {
            entity.Property(t => t.LoginProvider).Metadata.SetMaxLength(null);
            entity.Property(t => t.Name).Metadata.SetMaxLength(null);
        });

        builder.Entity<CalfwiseUser>(entity => entity.Property(u => u.TimeZone).HasMaxLength(CalfwiseUser.MaxTimeZoneLength));
        builder.Entity<SavedAssessment>(entity =>
        {
            entity.Property(a => a.KnowledgeVersion).HasMaxLength(20);
            entity.HasKey(a => a.Id);
            entity.HasIndex(a => new { a.UserId, a.CreatedAt });
            entity.Property(a => a.TriageLevel).HasMaxLength(20);
            entity.Property(a => a.TopCondition).HasMaxLength(60);
            entity.HasOne<CalfwiseUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<EpisodeRow>(entity =>
        {
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => new { e.UserId, e.Start });
            entity.Property(e => e.Leg).HasMaxLength(10);
            entity.Property(e => e.Kind).HasMaxLength(20);
            entity.Property(e => e.Location).HasMaxLength(60);
            entity.HasOne<CalfwiseUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DailyFactorsRow>(entity =>
        {
            entity.HasKey(d => d.Id);
            entity.HasIndex(d => new { d.UserId, d.Date }).IsUnique();
            entity.Property(d => d.AlcoholUnits).HasPrecision(6, 2);
            entity.Property(d => d.SleepHours).HasPrecision(5, 2);
            entity.Property(d => d.FluidsLitres).HasPrecision(5, 2);
            entity.HasOne<CalfwiseUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CdsFeedbackRow>(entity =>
        {
            entity.HasKey(f => f.Id);
            entity.HasIndex(f => f.OutcomeAt);
            entity.Property(f => f.ServiceId).HasMaxLength(CdsFeedbackRow.MaxServiceId);
            entity.Property(f => f.Card).HasMaxLength(CdsFeedbackRow.MaxCard);
            entity.Property(f => f.CardKind).HasMaxLength(CdsFeedbackRow.MaxCardKind);
            entity.Property(f => f.Outcome).HasMaxLength(CdsFeedbackRow.MaxOutcome);
            entity.Property(f => f.AcceptedSuggestions).HasMaxLength(CdsFeedbackRow.MaxSuggestions);
            entity.Property(f => f.ReasonSystem).HasMaxLength(CdsFeedbackRow.MaxReasonSystem);
            entity.Property(f => f.ReasonCode).HasMaxLength(CdsFeedbackRow.MaxReasonCode);
            entity.Property(f => f.Comment).HasMaxLength(CdsFeedbackRow.MaxComment);
        });
    }
}

/// <summary>The SQLite database, the default: a file under ./data, in WAL mode, with secure_delete on (see <see cref="SqliteSecureDelete"/>).</summary>
public sealed class SqliteCalfwiseDbContext(DbContextOptions<SqliteCalfwiseDbContext> options) : CalfwiseDbContext(options)
{
    private const string TruncatingCheckpoint = "PRAGMA wal_checkpoint(TRUNCATE);";

    private bool DeletesAccount => ChangeTracker.Entries<CalfwiseUser>().Any(e => e.State == EntityState.Deleted);

    /// <summary>
    /// Saves, and when an account was deleted checkpoints the write-ahead log into the file and truncates it: the log
    /// still holds the account's rows as they were written, which the zeroed pages in the file no longer do.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var deletesAccount = DeletesAccount;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        if (deletesAccount)
        {
            await Database.ExecuteSqlRawAsync(TruncatingCheckpoint, cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var deletesAccount = DeletesAccount;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (deletesAccount)
        {
            Database.ExecuteSqlRaw(TruncatingCheckpoint);
        }

        return saved;
    }

    /// <summary>SQLite cannot order by DateTimeOffset; times are stored in UTC as sortable integers instead.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL, when a connection string says so.</summary>
public sealed class PostgresCalfwiseDbContext(DbContextOptions<PostgresCalfwiseDbContext> options) : CalfwiseDbContext(options);
