using System.Net;
using System.Text.RegularExpressions;

namespace Calfwise.Web.Tests.Results;

/// <summary>
/// The Flesch-Kincaid grade of a page's visible text: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// Headings, list items and paragraphs end a sentence even without a full stop, as a reader takes them.
/// </summary>
public static partial class Readability
{
    public static double Grade(string text)
    {
        var sentences = SentenceEnd().Split(text).Where(s => Words(s).Any()).ToList();
        var words = sentences.SelectMany(Words).ToList();
        if (words.Count == 0)
        {
            throw new ArgumentException("no words to read", nameof(text));
        }

        var syllables = words.Sum(Syllables);
        return (0.39 * words.Count / sentences.Count) + (11.8 * syllables / words.Count) - 15.59;
    }

    /// <summary>The visible text of HTML (no tags, scripts, styles or pictures), one line per block.</summary>
    public static string VisibleText(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = BlockEnd().Replace(text, "\n");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>Syllables of a word: groups of vowels (y counts), less a silent final e, at least one.</summary>
    public static int Syllables(string word)
    {
        var w = word.ToLowerInvariant();
        var count = VowelGroup().Count(w);
        if (w.Length > 2 && w.EndsWith('e') && !w.EndsWith("le", StringComparison.Ordinal) && count > 1)
        {
            count--;
        }

        return Math.Max(1, count);
    }

    /// <summary>Words: runs of letters (with an apostrophe or hyphen inside); numbers and symbols are not words.</summary>
    private static IEnumerable<string> Words(string sentence) => Word().Matches(sentence).Select(m => m.Value);

    [GeneratedRegex(@"[.!?:;]+(\s|$)|\n+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[A-Za-z]+(?:['’-][A-Za-z]+)*")]
    private static partial Regex Word();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();

    [GeneratedRegex(@"<(script|style|svg|head)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"</(p|li|h[1-6]|div|section|summary|td|th|ul|ol)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
