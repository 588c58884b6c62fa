using System.ComponentModel;
using Calfwise.Cli.Output;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class InterviewSettings : CommandSettings
{
    [CommandOption("--save <FILE>")]
    [Description("Save the answers as a case JSON file at the end.")]
    public string? SavePath { get; init; }
}

/// <summary>The adaptive interview in the terminal: one question at a time, with "why?" and "back" on every question.</summary>
public sealed class InterviewCommand(CliIo io, KnowledgeBase knowledge) : Command<InterviewSettings>
{
    private const string Yes = "y";
    private const string No = "n";
    private const string DontKnow = "?";
    private const string Why = "w";
    private const string Back = "b";

    public override int Execute(CommandContext context, InterviewSettings settings, CancellationToken cancellationToken)
    {
        var console = io.Out;
        console.Write(new Spectre.Console.Rule("[bold]Calfwise[/]"));
        console.MarkupLine("A few questions about your legs, one at a time. At each, answer [bold]y[/] (yes), [bold]n[/] (no) or [bold]?[/] (don't know); [bold]w[/] explains why it is asked and [bold]b[/] goes back one answer.");
        console.MarkupLine($"[grey]{Markup.Escape(knowledge.Disclaimer)}[/]");
        console.WriteLine();

        var patient = AskDemographics(console);
        var interviewer = new Interviewer(knowledge);
        var history = new Stack<PatientCase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        InterviewStep step;
        while (true)
        {
            var next = interviewer.Next(patient);
            if (!next.IsSuccess)
            {
                return Report.InputErrors(io, next.Errors);
            }

            step = next.Value;
            if (step.Alert is { } alert && !alert.Ids.All(seen.Contains))
            {
                ShowAlert(console, alert);
                seen.UnionWith(alert.Ids);
            }

            if (step.IsDone)
            {
                break;
            }

            var question = step.Question;
            ShowProgress(console, history.Count + 1);
            var before = patient;
            var answered = question.Kind == QuestionKind.Labs
                ? AskLabs(console, question, patient)
                : AskFindings(console, question, patient);
            if (answered is null)
            {
                if (history.Count > 0)
                {
                    patient = history.Pop();
                    console.MarkupLine("[grey]Going back one question.[/]");
                }
                else
                {
                    console.MarkupLine("[grey]This is the first question.[/]");
                }

                continue;
            }

            history.Push(before);
            patient = answered;
        }

        console.WriteLine();
        console.MarkupLine($"[green]Thank you.[/] {Markup.Escape(step.DoneReason ?? "")}");
        console.WriteLine();
        var assessed = new AssessmentEngine(knowledge).Assess(patient);
        if (!assessed.IsSuccess)
        {
            return Report.InputErrors(io, assessed.Errors);
        }

        new AssessmentRenderer(console, knowledge).Render(assessed.Value);
        if (settings.SavePath is { } path)
        {
            var full = Path.GetFullPath(path, io.WorkingDirectory);
            try
            {
                File.WriteAllText(full, CaseJson.Write(patient));
                console.MarkupLine($"[grey]Your answers were saved to {Markup.Escape(full)}.[/]");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"calfwise: --save: cannot write '{path}': {ex.Message}");
                return ExitCodes.BadInput;
            }
        }

        return ExitCodes.Ok;
    }

    private static void ShowProgress(IAnsiConsole console, int number)
    {
        console.WriteLine();
        console.MarkupLine($"[grey]Question {number} · Calfwise stops as soon as more answers would not change the advice.[/]");
    }

    /// <summary>Urgent or emergency advice as soon as it is known, before any further question.</summary>
    private static void ShowAlert(IAnsiConsole console, InterviewAlert alert)
    {
        var emergency = alert.Level == TriageLevel.Emergency;
        var locale = AssessmentRenderer.Country;
        var heading = emergency ? $"EMERGENCY: {locale.EmergencyHeading}" : "See a doctor today";
        var body = string.Join("\n\n", alert.Advice.Select(a => Markup.Escape(locale.Fill(a))))
            + (emergency ? "" : "\n\n[grey]You can answer a few more questions for a fuller picture; they will not make this advice less urgent.[/]");
        console.WriteLine();
        console.Write(new Panel(new Markup(body)).Header($"[bold]{heading}[/]").BorderColor(emergency ? Color.Red : Color.Orange1));
    }

    private PatientCase AskDemographics(IAnsiConsole console)
    {
        var age = console.Prompt(new TextPrompt<decimal>("How old are you (years)?")
            .Validate(a => a is >= 0 and <= CaseValidator.MaxAge ? ValidationResult.Success() : ValidationResult.Error($"Please give an age from 0 to {CaseValidator.MaxAge}.")));
        var sexText = console.Prompt(new TextPrompt<string>("Your sex, for the blood test ranges ([bold]female[/] or [bold]male[/])?").AddChoices(["female", "male"]).ShowChoices(false));
        var sex = sexText == "female" ? Sex.Female : Sex.Male;
        bool? pregnant = null;
        var interview = knowledge.Interview;
        if (sex == Sex.Female && age >= interview.PregnancyMinAge && age <= interview.PregnancyMaxAge)
        {
            pregnant = console.Prompt(new TextPrompt<string>("Are you pregnant ([bold]y[/]/[bold]n[/])?").AddChoices([Yes, No]).ShowChoices(false)) == Yes;
        }

        return new PatientCase(age, sex, pregnant, new Dictionary<string, bool>(), AskMedications(console), [], null);
    }

    private List<string> AskMedications(IAnsiConsole console)
    {
        var medications = new List<string>();
        var known = knowledge.DrugClasses.Keys;
        while (true)
        {
            var name = console.Prompt(new TextPrompt<string>("Medicine you take (generic name, one at a time; press Enter when done):").AllowEmpty()).Trim().ToLowerInvariant();
            if (name.Length == 0)
            {
                return medications;
            }

            if (knowledge.DrugClasses.ContainsKey(name))
            {
                medications.Add(name);
                continue;
            }

            var matches = known.Where(k => k.StartsWith(name, StringComparison.OrdinalIgnoreCase)).Concat(Spelling.Closest(name, known, 3)).Distinct().Order().Take(5).ToList();
            if (matches.Count == 0)
            {
                console.MarkupLine("[yellow]Calfwise does not know that medicine; it is kept, and your doctor should hear about it.[/]");
                medications.Add(name);
                continue;
            }

            console.MarkupLine("Did you mean: " + string.Join(", ", matches.Select((m, i) => $"[bold]{i + 1}[/] {Markup.Escape(m)}")) + ", or [bold]0[/] to keep what you typed?");
            var choice = console.Prompt(new TextPrompt<int>("Number:").Validate(n => n >= 0 && n <= matches.Count ? ValidationResult.Success() : ValidationResult.Error("Choose one of the numbers.")));
            medications.Add(choice == 0 ? name : matches[choice - 1]);
        }
    }

    /// <summary>Asks each item; returns null when the person goes back from the first item.</summary>
    private static PatientCase? AskFindings(IAnsiConsole console, InterviewQuestion question, PatientCase patient)
    {
        if (question.Items.Count > 1)
        {
            console.MarkupLine($"[bold]{Markup.Escape(question.Text)}[/]");
        }

        var answers = new List<PatientCase> { patient };
        for (var i = 0; i < question.Items.Count; i++)
        {
            var item = question.Items[i];
            var answer = console.Prompt(new TextPrompt<string>($"{Markup.Escape(item.Text)} [grey](y/n/?/w/b)[/]").AddChoices([Yes, No, DontKnow, Why, Back]).ShowChoices(false));
            switch (answer)
            {
                case Why:
                    console.MarkupLine($"[grey]Why this question? {Markup.Escape(question.Why)}[/]");
                    i--;
                    break;
                case Back when i == 0:
                    return null;
                case Back:
                    answers.RemoveAt(answers.Count - 1);
                    i -= 2;
                    break;
                default:
                    var current = answers[^1];
                    answers.Add(answer switch
                    {
                        Yes => current.WithAnswer(item.FindingId, true),
                        No => current.WithAnswer(item.FindingId, false),
                        _ => current.WithDontKnow(item.FindingId),
                    });
                    break;
            }
        }

        return answers[^1];
    }

    private PatientCase? AskLabs(IAnsiConsole console, InterviewQuestion question, PatientCase patient)
    {
        var have = console.Prompt(new TextPrompt<string>($"{Markup.Escape(question.Text)} [grey](y/n/w/b)[/]").AddChoices([Yes, No, Why, Back]).ShowChoices(false));
        while (have == Why)
        {
            console.MarkupLine($"[grey]Why this question? {Markup.Escape(question.Why)}[/]");
            have = console.Prompt(new TextPrompt<string>("Do you have them? [grey](y/n/b)[/]").AddChoices([Yes, No, Back]).ShowChoices(false));
        }

        if (have == Back)
        {
            return null;
        }

        if (have == No)
        {
            return patient with { LabsUnavailable = new HashSet<string>(patient.LabsUnavailable) { question.Id } };
        }

        var labs = patient.Labs.ToList();
        foreach (var analyteId in question.Analytes)
        {
            var analyte = knowledge.AnalytesById[analyteId];
            while (true)
            {
                var text = console.Prompt(new TextPrompt<string>($"{Markup.Escape(analyte.Name)}: value and unit, for example 28 {Markup.Escape(UnitText.Display(analyte.Canonical.Code))} (Enter to skip):").AllowEmpty()).Trim();
                if (text.Length == 0)
                {
                    break;
                }

                var parsed = LabExpression.Parse([$"{analyteId}={text}"], knowledge);
                var errors = parsed.IsSuccess ? CaseValidator.Validate(patient with { Labs = [.. labs, .. parsed.Value] }, knowledge, TimeProvider.System).Errors : parsed.Errors;
                if (parsed.IsSuccess && errors.Count == 0)
                {
                    labs.AddRange(parsed.Value);
                    break;
                }

                console.MarkupLine($"[red]{Markup.Escape(errors[0].Message)}[/]");
            }
        }

        // With no result entered after all, the request counts as "I don't have them" and is not asked again.
        return labs.Count > patient.Labs.Count
            ? patient with { Labs = labs }
            : patient with { LabsUnavailable = new HashSet<string>(patient.LabsUnavailable) { question.Id } };
    }
}
