using Calfwise.Core.Cases;

namespace Calfwise.Core.Tests;

public sealed class ResultTests
{
    [Fact]
    public void A_success_has_its_value_and_no_errors()
    {
        var result = Result.Success("ok");
        Assert.True(result.IsSuccess);
        Assert.Equal("ok", result.Value);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_failure_has_its_errors_and_no_value()
    {
        var result = Result.Failure<string>(new InputError("age", "must be a number"));
        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal("age", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_failure_without_errors_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => Result.Failure<string>([]));
    }

    [Fact]
    public void Map_transforms_a_success_and_passes_a_failure_through_untouched()
    {
        Assert.Equal(3, Result.Success("abc").Map(s => s.Length).Value);
        var errors = new[] { new InputError("sex", "is required"), new InputError("age", "is required") };
        var calls = 0;
        var mapped = Result.Failure<string>(errors).Map(s => ++calls);
        Assert.False(mapped.IsSuccess);
        Assert.Equal(errors, mapped.Errors);
        Assert.Equal(0, calls);
    }
}
