using System.Text.Json;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Tests.Views;

public class ViewDefinitionTests
{
    private static string View(string select, string extra = "") =>
        $$"""{"resourceType":"ViewDefinition","name":"v","resource":"Patient",{{extra}}"select":[{{select}}]}""";

    [Theory]
    [InlineData("""{"column":[{"name":"id","path":"id.foo()"}]}""", "$.select[0].column[0].path", "unknown function 'foo()'")]
    [InlineData("""{"column":[{"path":"id"}]}""", "$.select[0].column[0].name", "every column needs a name")]
    [InlineData("""{"column":[{"name":"id","path":"id"},{"name":"ID","path":"id"}]}""", "$.select", "used twice")]
    [InlineData("""{"unionAll":[{"column":[{"name":"a","path":"id"}]},{"column":[{"name":"b","path":"id"}]}]}""", "$.select[0].unionAll[1]", "columns mismatch")]
    [InlineData("""{"forEach":"name","forEachOrNull":"name","column":[{"name":"a","path":"family"}]}""", "$.select[0]", "both forEach and forEachOrNull")]
    [InlineData("""{"repeat":["item"],"column":[{"name":"a","path":"linkId"}]}""", "$.select[0].repeat", "not supported")]
    [InlineData("""{"column":[{"name":"a","path":"value.ofType(Banana)"}]}""", "$.select[0].column[0].path", "invalid type")]
    [InlineData("""{"column":[{"name":"a","path":"name.where(use = %missing)"}]}""", "$.select[0].column[0].path", "undefined environment variable: missing")]
    [InlineData("""{"column":[{"name":"a","path":"name.first(1)"}]}""", "$.select[0].column[0].path", "takes no arguments")]
    [InlineData("""{"column":[{"name":"a","path":"name.family = "}]}""", "$.select[0].column[0].path", "ends where a value was expected")]
    [InlineData("""{"column":[{"name":"a","path":"'\\u12'"}]}""", "$.select[0].column[0].path", "four hex digits")]
    [InlineData("""{"column":[{"name":"a","path":"id","type":"Quantity"}]}""", "$.select[0].column[0].type", "not a FHIR primitive type")]
    [InlineData("""{"column":[{"name":"a b","path":"id"}]}""", "$.select[0].column[0].name", "not a column name")]
    [InlineData("""{"column":[{"name":"a","path":"id","collection":"yes"}]}""", "$.select[0].column[0].collection", "true or false")]
    public void A_bad_view_is_refused_naming_where_and_what_is_accepted(string select, string jsonPath, string problem)
    {
        var error = Assert.Throws<ViewDefinitionException>(() => ViewDefinition.Parse(View(select)));
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_without_a_value_is_refused()
    {
        var error = Assert.Throws<ViewDefinitionException>(() =>
            ViewDefinition.Parse(View("""{"column":[{"name":"a","path":"id"}]}""", "\"constant\":[{\"name\":\"c\"}],")));
        Assert.Equal("$.constant[0]", error.JsonPath);
        Assert.Contains("valueString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"select":[{"column":[{"name":"a","path":"id"}]}]}""", "$.resource")]
    [InlineData("""{"resource":"Patient"}""", "$.select")]
    [InlineData("""{"resource":"patient","select":[{"column":[{"name":"a","path":"id"}]}]}""", "$.resource")]
    [InlineData("""[1]""", "$")]
    [InlineData("""{"resource":""", "$")]
    public void A_view_missing_its_structure_is_refused(string json, string jsonPath)
    {
        Assert.Equal(jsonPath, Assert.Throws<ViewDefinitionException>(() => ViewDefinition.Parse(json)).JsonPath);
    }

    [Fact]
    public void Columns_come_in_the_specified_order_with_their_declared_types()
    {
        var view = CompiledView.Compile(ViewDefinition.Parse(View(
            """{"column":[{"name":"id","path":"id","type":"id"}],"select":[{"forEach":"name","column":[{"name":"given","path":"given","collection":true}]}]}""")));

        Assert.Equal("Patient", view.Resource);
        Assert.Equal([new ViewColumn("id", "id", false), new ViewColumn("given", null, true)], view.Columns);
    }

    [Fact]
    public void Several_values_in_a_single_valued_column_is_an_error_naming_the_column()
    {
        var error = Assert.Throws<ViewEvaluationException>(() => ViewRows.Run(View("""{"column":[{"name":"family","path":"name.family"}]}"""),
            """{"resourceType":"Patient","name":[{"family":"A"},{"family":"B"}]}"""));
        Assert.Contains("'family'", error.Message, StringComparison.Ordinal);
        Assert.Contains("collection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complex_value_in_a_column_is_an_error()
    {
        Assert.Throws<ViewEvaluationException>(() => ViewRows.Run(View("""{"column":[{"name":"name","path":"name.first()"}]}"""),
            """{"resourceType":"Patient","name":[{"family":"A"}]}"""));
    }

    [Fact]
    public void Cells_are_typed_and_strings_stay_as_written()
    {
        var rows = ViewRows.Run(View("""{"column":[{"name":"born","path":"birthDate"},{"name":"births","path":"multipleBirth.ofType(integer)"},{"name":"weight","path":"extension('w').value.ofType(Quantity).value"},{"name":"active","path":"active"},{"name":"given","path":"name.given","collection":true}]}"""),
            """{"resourceType":"Patient","birthDate":"1980-05","multipleBirthInteger":2,"active":true,"extension":[{"url":"w","valueQuantity":{"value":70.50}}],"name":[{"given":["A","B"]}]}""");

        Assert.Equal(["1980-05", 2L, 70.50m, true, new object?[] { "A", "B" }], Assert.Single(rows).Values);
        Assert.Equal("70.50", ((decimal)rows[0]["weight"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Other_resource_types_give_no_rows()
    {
        Assert.Empty(ViewRows.Run(View("""{"column":[{"name":"id","path":"id"}]}"""), """{"resourceType":"Observation","id":"o"}""", """{"id":"no-type"}""", "[]"));
    }

    [Fact]
    public void A_compiled_view_gives_the_same_rows_from_many_threads()
    {
        var view = CompiledView.Compile(ViewDefinition.Parse(View("""{"column":[{"name":"id","path":"id"}]},{"forEach":"name","column":[{"name":"family","path":"family"}]}""")));
        using var document = JsonDocument.Parse("""{"resourceType":"Patient","id":"p","name":[{"family":"A"},{"family":"B"},{"family":"C"}]}""");
        var resource = document.RootElement;

        var counts = new int[64];
        Parallel.For(0, counts.Length, i =>
        {
            var rows = new List<object?[]>();
            for (var n = 0; n < 100; n++)
            {
                view.Run(resource, rows);
            }

            counts[i] = rows.Count(row => row[1] is "A" or "B" or "C" && (string?)row[0] == "p");
        });

        Assert.All(counts, count => Assert.Equal(300, count));
    }
}
