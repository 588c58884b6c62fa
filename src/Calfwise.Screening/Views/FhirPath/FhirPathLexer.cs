using System.Globalization;
using System.Text;

namespace Calfwise.Screening.Views;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    DateTime,
    Constant,
    Special,
    Symbol,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position);

/// <summary>Splits a FHIRPath expression into tokens; a character FHIRPath has no use for is a clear error.</summary>
internal static class FhirPathLexer
{
    private static readonly string[] Symbols = ["<=", ">=", "!=", "!~", "{}", ".", ",", "(", ")", "[", "]", "=", "~", "<", ">", "+", "-", "*", "/", "|", "&"];

    public static List<Token> Tokenize(string text, string jsonPath)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                tokens.Add(new Token(TokenKind.String, ReadQuoted(text, ref i, '\'', jsonPath), i));
            }
            else if (c == '`')
            {
                tokens.Add(new Token(TokenKind.Identifier, ReadQuoted(text, ref i, '`', jsonPath), i));
            }
            else if (c == '%' || c == '$' || c == '@' || char.IsLetter(c) || c == '_')
            {
                var start = i;
                i++;
                if (c == '%' && i < text.Length && text[i] == '`')
                {
                    tokens.Add(new Token(TokenKind.Constant, ReadQuoted(text, ref i, '`', jsonPath), start));
                    continue;
                }

                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || (c == '@' && "-:.+TZ".Contains(text[i], StringComparison.Ordinal))))
                {
                    i++;
                }

                var word = text[start..i];
                var kind = c switch { '%' => TokenKind.Constant, '$' => TokenKind.Special, '@' => TokenKind.DateTime, _ => TokenKind.Identifier };
                tokens.Add(new Token(kind, kind == TokenKind.Identifier ? word : word[1..], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(new Token(TokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
            else
            {
                throw new ViewDefinitionException(jsonPath, $"'{text}' is not valid FHIRPath: unexpected '{c}' at position {i + 1}");
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static string ReadQuoted(string text, ref int i, char quote, string jsonPath)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == 'u')
            {
                if (i + 5 >= text.Length || !int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    throw new ViewDefinitionException(jsonPath, $"'{text}' is not valid FHIRPath: \\u must be followed by four hex digits");
                }

                value.Append((char)code);
                i += 5;
            }
            else if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'f' => '\f',
                    var other => other,
                });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new ViewDefinitionException(jsonPath, $"'{text}' is not valid FHIRPath: a {quote} is never closed");
        }

        i++;
        return value.ToString();
    }
}
