using System.Text.Json;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Cli.Tests;

/// <summary>The terminal interview driven through its prompts, as a person would answer them.</summary>
public sealed class InterviewCommandTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;

    /// <summary>A simulated person with restless legs: yes to the four timing features, no to everything else.</summary>
    private static readonly HashSet<string> RestlessLegs = ["urge-to-move-legs", "worse-at-rest", "relieved-by-movement", "worse-evening-night", "sleep-disturbed"];

    [Fact]
    public void A_person_with_restless_legs_is_interviewed_and_sees_the_assessment_and_the_case_is_saved()
    {
        var save = Path.Combine(Path.GetTempPath(), $"calfwise-interview-{Guid.NewGuid():N}.json");
        try
        {
            var asked = new List<string>();
            var (code, output, error) = Run(prompt => Answer(prompt, RestlessLegs, asked), "interview", "--save", save);

            Assert.True(code == 0, error + output);
            Assert.Contains("Question 1", output, StringComparison.Ordinal);
            Assert.Contains("Thank you.", output, StringComparison.Ordinal);
            Assert.Contains("ROUTINE", output, StringComparison.Ordinal);
            Assert.Contains("Restless legs syndrome", output, StringComparison.Ordinal);
            Assert.InRange(asked.Count, 5, 80);

            using var saved = JsonDocument.Parse(File.ReadAllText(save));
            var findings = saved.RootElement.GetProperty("findings");
            Assert.True(findings.GetProperty("urge-to-move-legs").GetBoolean());
            Assert.Equal(45, saved.RootElement.GetProperty("age").GetInt32());
            Assert.Equal("sertraline", saved.RootElement.GetProperty("medications")[0].GetString());
            Assert.Contains("iron-studies", saved.RootElement.GetProperty("labsUnavailable").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            File.Delete(save);
        }
    }

    [Fact]
    public void Why_explains_the_question_and_back_asks_it_again()
    {
        var whyAsked = false;
        var backDone = false;
        var answersToFirst = 0;
        var state = new List<string>();
        var (code, output, _) = Run(prompt =>
        {
            if (Finding(prompt) is { } finding && finding.Id == "calf-twitching")
            {
                answersToFirst++;
                if (!whyAsked)
                {
                    whyAsked = true;
                    return "w";
                }
            }

            if (Finding(prompt) is { Id: "urge-to-move-legs" } && !backDone)
            {
                backDone = true;
                return "b"; // back to the previous item
            }

            return Answer(prompt, [], state);
        }, "interview");

        Assert.Equal(0, code);
        Assert.Contains("Why this question?", output, StringComparison.Ordinal);
        Assert.Equal(3, answersToFirst); // asked, "why", asked again after going back
    }

    [Fact]
    public void An_impossible_lab_value_is_explained_and_asked_again()
    {
        var labAnswers = new Queue<string>(["y", "5000000 ng/mL", "28 ng/mL"]);
        var state = new List<string>();
        var (code, output, _) = Run(prompt =>
        {
            if (prompt.Contains("blood results for ferritin", StringComparison.Ordinal) || (prompt.StartsWith("Ferritin", StringComparison.Ordinal) && labAnswers.Count > 0))
            {
                return labAnswers.Dequeue();
            }

            return prompt.Contains("(Enter to skip)", StringComparison.Ordinal) ? "" : Answer(prompt, RestlessLegs, state);
        }, "interview");

        Assert.Equal(0, code);
        Assert.Contains("physiologically possible", output, StringComparison.Ordinal);
        Assert.Contains("28 ng/mL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_swollen_calf_shows_the_urgent_advice_before_the_next_question()
    {
        var asked = new List<string>();
        string? afterOpening = null;
        var (code, output, error) = Run(prompt =>
        {
            var answer = Answer(prompt, ["calf-swelling-one-side", "calf-pain"], asked);
            if (afterOpening is null && asked.Count(a => a != "medication") > Knowledge.Interview.OpeningFindings.Count)
            {
                afterOpening = prompt; // the first question after the opening list
            }

            return answer;
        }, "interview");

        Assert.True(code == 0, error + output);
        var advice = output.IndexOf("See a doctor today", StringComparison.Ordinal);
        Assert.True(advice > 0, output);
        Assert.Contains("clot", output[advice..], StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(afterOpening);
        // The advice is printed before the question that followed the opening list.
        Assert.True(advice < output.IndexOf(Finding(afterOpening)!.Question, StringComparison.Ordinal), output);
        Assert.Equal(1, CountOf(output, "─See a doctor today")); // the advice panel is shown once, not before every later question
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static (int Code, string Output, string Error) Run(Func<string, string> responder, params string[] args)
    {
        var console = new ScriptedConsole(responder);
        var error = new StringWriter();
        var code = CalfwiseApp.Run(args, new CliIo(console, error, new StringReader(""), Repository.Root));
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "calfwise-last-interview.txt"), error + "\n" + console.Output);
        return (code, console.Output, error.ToString());
    }

    private static string Answer(string prompt, HashSet<string> yes, List<string> asked)
    {
        if (prompt.Contains("How old", StringComparison.Ordinal))
        {
            return "45";
        }

        if (prompt.Contains("Your sex", StringComparison.Ordinal))
        {
            return "female";
        }

        if (prompt.Contains("Are you pregnant", StringComparison.Ordinal))
        {
            return "n";
        }

        if (prompt.Contains("Medicine you take", StringComparison.Ordinal))
        {
            return asked.Contains("medication") ? "" : Remember(asked, "medication", "sertraline");
        }

        if (Finding(prompt) is { } finding)
        {
            asked.Add(finding.Id);
            return yes.Contains(finding.Id) ? "y" : "n";
        }

        return "n"; // lab requests: "I don't have them"
    }

    private static string Remember(List<string> asked, string key, string answer)
    {
        asked.Add(key);
        return answer;
    }

    private static Finding? Finding(string prompt) =>
        Knowledge.Findings.FirstOrDefault(f => prompt.Contains(f.Question, StringComparison.Ordinal));
}
