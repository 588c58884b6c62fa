using Calfwise.Core.Presentation;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class LocaleTests
{
    [Theory]
    [InlineData("GB", "999", "NHS 111")]
    [InlineData("gb", "999", "NHS 111")]
    [InlineData("IE", "112", "out-of-hours")]
    [InlineData("EU", "112", "out-of-hours")]
    [InlineData("US", "911", "urgent care")]
    [InlineData("CA", "911", "urgent care")]
    [InlineData("AU", "000", "1800 022 222")]
    [InlineData("NZ", "111", "0800 611 116")]
    public void A_country_names_its_emergency_number_and_urgent_service(string country, string number, string service)
    {
        var locale = Locale.For(country);

        Assert.NotNull(locale);
        Assert.Equal(number, locale.EmergencyNumber);
        Assert.Contains(service, locale.UrgentService, StringComparison.Ordinal);
        Assert.Equal($"Call {number}", locale.CallEmergency);
        Assert.Equal($"Call {number} or go to an emergency department now", locale.EmergencyHeading);
    }

    [Fact]
    public void The_default_is_the_United_Kingdom_and_an_unknown_country_is_not_guessed()
    {
        Assert.Equal("999", Locale.Default.EmergencyNumber);
        Assert.Null(Locale.For("XX"));
        Assert.Null(Locale.For(null));
    }

    [Theory]
    [InlineData("GB", "200 mg")]
    [InlineData("US", "325 mg")]
    public void The_iron_tablet_is_the_local_one_and_states_the_elemental_iron(string country, string strength)
    {
        var text = Locale.For(country)!.Fill("{iron-tablet}");

        Assert.Contains(strength, text, StringComparison.Ordinal);
        Assert.Contains("65 mg of elemental iron", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_known_tablet_the_elemental_dose_alone_is_given()
    {
        var text = Locale.For("AU")!.Fill("Take {iron-tablet}. Call {emergency} or {urgent}.");

        Assert.Equal("Take a tablet with 65 mg of elemental iron (ask a pharmacist which one). Call 000 or healthdirect (1800 022 222).", text);
    }

    [Fact]
    public void Every_locale_cites_sources_the_knowledge_has()
    {
        var sources = EmbeddedKnowledge.Instance.Sources;
        foreach (var locale in Locale.Countries.Select(c => Locale.For(c)!))
        {
            Assert.True(sources.ContainsKey(locale.EmergencySourceId), $"{locale.Country}: {locale.EmergencySourceId}");
            Assert.All(locale.Iron?.SourceIds ?? [], id => Assert.True(sources.ContainsKey(id), $"{locale.Country}: {id}"));
        }
    }
}
