using Calfwise.Core;

namespace Calfwise.Testing;

/// <summary>Test shorthand for results that must have succeeded.</summary>
public static class ResultExtensions
{
    /// <summary>The value of a result that must be a success; otherwise the test fails with the input errors.</summary>
    public static T Valid<T>(this Result<T> result)
        where T : notnull =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Expected a valid result, got: {string.Join("; ", result.Errors)}");
}
