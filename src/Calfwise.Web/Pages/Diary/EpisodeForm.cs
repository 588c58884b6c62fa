namespace Calfwise.Web.Pages.Diary;

/// <summary>
/// The episode form as the diary and the edit page show it (_EpisodeForm): its values, where it posts, and the zone the
/// server took "now" in (a new entry's script moves the default date and time to the browser's zone when they differ).
/// </summary>
public sealed record EpisodeForm(EpisodeInput Values, string Page, string? Handler, Guid? Id, string Submit, string? NowZone)
{
    public bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
