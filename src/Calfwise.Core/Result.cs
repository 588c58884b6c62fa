using System.Diagnostics.CodeAnalysis;
using Calfwise.Core.Cases;

namespace Calfwise.Core;

/// <summary>A value, or the input errors that stopped it being produced: never both, never neither.</summary>
/// <remarks>Check <see cref="IsSuccess"/> before reading <see cref="Value"/>; the compiler then knows it is not null.</remarks>
public sealed class Result<T>
    where T : notnull
{
    internal Result(T? value, IReadOnlyList<InputError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The value on success; null (or the default of a value type) on failure.</summary>
    public T? Value { get; }

    /// <summary>What is wrong with the input, each naming its field; empty on success.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>Whether there is a value (decided by the errors: a value type's default is a value too).</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Errors.Count == 0;

    /// <summary>The value transformed on success; the same errors on failure.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map)
        where TOut : notnull =>
        IsSuccess ? Result.Success(map(Value)) : Result.Failure<TOut>(Errors);

    public override string ToString() => IsSuccess ? $"Success({Value})" : $"Failure({string.Join("; ", Errors)})";
}

/// <summary>Makes <see cref="Result{T}"/> values.</summary>
public static class Result
{
    public static Result<T> Success<T>(T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, []);
    }

    /// <summary>A failure with at least one error.</summary>
    public static Result<T> Failure<T>(IReadOnlyList<InputError> errors)
        where T : notnull
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new(default, errors);
    }

    public static Result<T> Failure<T>(InputError error)
        where T : notnull => Failure<T>([error]);
}
