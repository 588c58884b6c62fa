using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// What <see cref="StreamCapture"/> reads a line through: the members of <see cref="Utf8JsonReader"/> it uses, so the
/// same capture runs over the system reader (<see cref="SystemJsonTokens"/>) or the faster one for plain lines
/// (<see cref="LineJsonReader"/>), specialised for each (both are structs).
/// </summary>
internal interface IJsonTokens
{
    JsonTokenType TokenType { get; }

    /// <summary>A string's or property name's bytes between the quotes; a number's or literal's bytes.</summary>
    ReadOnlySpan<byte> ValueSpan { get; }

    bool ValueIsEscaped { get; }

    /// <summary>Where the token starts in the line (a string's opening quote).</summary>
    long TokenStartIndex { get; }

    bool Read();

    /// <summary>On a property name, reads its value; on an object's or array's start, moves to its end.</summary>
    void Skip();

    bool ValueTextEquals(ReadOnlySpan<byte> utf8);

    string? GetString();
}

/// <summary>The system reader over one whole line, as <see cref="IJsonTokens"/> (it throws <see cref="JsonException"/> on invalid JSON).</summary>
internal ref struct SystemJsonTokens(ReadOnlySpan<byte> line) : IJsonTokens
{
    private Utf8JsonReader _reader = new(line, isFinalBlock: true, state: default);

    public readonly JsonTokenType TokenType => _reader.TokenType;

    public readonly ReadOnlySpan<byte> ValueSpan => _reader.ValueSpan;

    public readonly bool ValueIsEscaped => _reader.ValueIsEscaped;

    public readonly long TokenStartIndex => _reader.TokenStartIndex;

    public bool Read() => _reader.Read();

    public void Skip() => _reader.Skip();

    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8) => _reader.ValueTextEquals(utf8);

    public readonly string? GetString() => _reader.GetString();
}
