using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Calfwise.Data;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> on every connection the app opens (the setting belongs to the connection, not
/// the file): deleted rows and freed pages are overwritten with zeros instead of staying readable in the file.
/// </summary>
/// <remarks>With the truncating checkpoint after an account deletion (<see cref="SqliteCalfwiseDbContext"/>), a deleted account leaves no bytes behind.</remarks>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
