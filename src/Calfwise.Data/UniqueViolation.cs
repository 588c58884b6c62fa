using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Calfwise.Data;

/// <summary>Whether a save failed because another writer inserted the same unique key first, on either database.</summary>
internal static class UniqueViolation
{
    private const int SqliteConstraint = 19; // SQLITE_CONSTRAINT; the extended codes 1555 (primary key) and 2067 (unique) refine it
    private const string PostgresUniqueViolation = "23505";

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        PostgresException postgres => postgres.SqlState == PostgresUniqueViolation,
        _ => false,
    };
}
