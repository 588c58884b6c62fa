using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Calfwise.Data;

/// <summary>Lets the EF tools create each context to generate its migrations; no database is opened.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCalfwiseDbContext>
{
    public SqliteCalfwiseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCalfwiseDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCalfwiseDbContext>
{
    public PostgresCalfwiseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCalfwiseDbContext>().UseNpgsql("Host=localhost;Database=calfwise_design").Options);
}
