using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// Deletion that deletes: after an account is deleted, neither the SQLite file nor its write-ahead log holds its email or
/// its diary text anywhere in their bytes (not in free pages, not in old log frames).
/// </summary>
public sealed class SqliteSecureDeleteTests
{
    [Fact]
    public async Task A_deleted_account_leaves_no_trace_of_its_email_or_diary_text_in_the_sqlite_files()
    {
        using var factory = new CalfwiseFactory();
        var marker = "qz" + Guid.NewGuid().ToString("N")[..20];
        var email = $"{marker}@example.org";
        const string password = "a long enough passphrase";
        var leaving = await factory.SignedInClientAsync(email, password);
        var staying = await factory.SignedInClientAsync($"staying-{Guid.NewGuid():N}@example.org");
        for (var i = 0; i < 40; i++)
        {
            var episode = new { start = $"2026-11-{1 + (i % 28):00}T22:00:00+00:00", durationMinutes = 1, leg = "left", location = $"{marker} note {i}", kind = "twitch", intensity = 1, atRest = true };
            Assert.Equal(HttpStatusCode.Created, (await leaving.PostAsJsonAsync("/api/diary/episodes", episode)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await staying.PostAsJsonAsync("/api/diary/episodes", episode with { location = $"other person {i}" })).StatusCode);
        }

        Assert.NotEmpty(Occurrences(factory.DatabasePath, marker)); // the test can see the marker while the account exists

        var token = await CalfwiseFactory.TokenAsync(leaving, "/Identity/Account/Manage/DeletePersonalData");
        var deletion = await leaving.PostAsync("/Identity/Account/Manage/DeletePersonalData", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, deletion.StatusCode);

        Assert.Empty(Occurrences(factory.DatabasePath, marker));
        Assert.Equal(40, (await staying.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/diary/episodes")).GetArrayLength());
    }

    /// <summary>Which of the database's files hold the marker (in any letter case), read as raw bytes while the app runs.</summary>
    private static List<string> Occurrences(string databasePath, string marker)
    {
        var found = new List<string>();
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-journal" })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            foreach (var form in new[] { marker, marker.ToUpperInvariant() })
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)
                {
                    found.Add($"{Path.GetFileName(path)}: {form}");
                }
            }
        }

        return found;
    }
}
