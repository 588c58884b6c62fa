using Calfwise.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Storage;

/// <summary>Column lengths hold on both databases: SQLite would store any length, PostgreSQL would fail with a server error.</summary>
public abstract partial class StorageTests
{
    [Fact]
    public async Task A_string_longer_than_its_column_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("lengths@example.org");
        var episode = Episode(userId, new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero));
        episode.Location = new string('x', 3 * 1024 * 1024);

        var refused = await Assert.ThrowsAsync<StorageLimitException>(() => SaveAsync(episode));

        Assert.Equal("location", refused.Error.Field);
        Assert.Contains("at most 60", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ReadAsync(db => db.Episodes.CountAsync()));

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalfwiseUser>>();
        var longEmail = new string('a', 300) + "@example.org";
        var user = await users.FindByIdAsync(userId);
        user!.Email = longEmail;
        var tooLong = await Assert.ThrowsAsync<StorageLimitException>(() => users.UpdateAsync(user));
        Assert.Contains(tooLong.Error.Field, new[] { "email", "normalizedEmail" });
        Assert.Equal("lengths@example.org", await ReadAsync(db => db.Users.Select(u => u.Email).SingleAsync()));
    }
}
