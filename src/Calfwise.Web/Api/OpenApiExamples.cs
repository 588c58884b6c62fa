using System.Text.Json.Nodes;
using Calfwise.Core.Contracts;
using Microsoft.AspNetCore.OpenApi;

namespace Calfwise.Web.Api;

/// <summary>An example case on the case schema of the OpenAPI document (the example of docs/case-format.md).</summary>
public static class OpenApiExamples
{
    public const string Case = """
        {
          "age": 42,
          "sex": "female",
          "pregnant": false,
          "findings": { "urge-to-move-legs": true, "worse-evening-night": true, "painful-cramps": false, "fatigue": null },
          "medications": ["sertraline"],
          "labs": [
            { "analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "2026-11-20" },
            { "analyte": "hemoglobin", "value": 121, "unit": "g/L" }
          ],
          "instruments": { "irls": [2, 3, 2, 2, 1, 2, 3, 2, 1, 2] }
        }
        """;

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(CaseRequest) && context.JsonPropertyInfo is null)
            {
                schema.Examples = [JsonNode.Parse(Case)!];
            }

            return Task.CompletedTask;
        });
    }
}
