using System.Globalization;

namespace Calfwise.Screening.Views;

/// <summary>
/// Parses the FHIRPath subset SQL-on-FHIR v2 requires straight into evaluators (<see cref="Expr"/>), checking as it
/// goes what would otherwise fail on the first resource: unknown functions, wrong argument counts, unknown types in
/// ofType, undefined %constants. Precedence follows the FHIRPath specification.
/// </summary>
internal sealed partial class FhirPathParser
{
    private readonly List<Token> _tokens;
    private readonly string _text;
    private readonly string _jsonPath;
    private readonly IReadOnlyDictionary<string, Item> _constants;
    private int _next;

    private FhirPathParser(string text, string jsonPath, IReadOnlyDictionary<string, Item> constants)
    {
        _text = text;
        _jsonPath = jsonPath;
        _constants = constants;
        _tokens = FhirPathLexer.Tokenize(text, jsonPath);
    }

    /// <summary>Parses one expression; <paramref name="jsonPath"/> says where it came from in the view.</summary>
    public static Expr Parse(string text, string jsonPath, IReadOnlyDictionary<string, Item> constants)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ViewDefinitionException(jsonPath, "is empty; give a FHIRPath expression");
        }

        var parser = new FhirPathParser(text, jsonPath, constants);
        var expression = parser.ParseBinary(0);
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}' at position {parser.Peek.Position + 1}");
        }

        return expression;
    }

    /// <summary>Binary operators from the loosest (implies) to the tightest (* / div mod).</summary>
    private static readonly string[][] Levels =
    [
        ["implies"],
        ["or", "xor"],
        ["and"],
        ["in", "contains"],
        ["=", "!=", "~", "!~"],
        ["<", "<=", ">", ">="],
        ["|"],
        ["is", "as"],
        ["+", "-", "&"],
        ["*", "/", "div", "mod"],
    ];

    private Token Peek => _tokens[_next];

    private Expr ParseBinary(int level)
    {
        if (level == Levels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (Peek.Kind is TokenKind.Symbol or TokenKind.Identifier && Levels[level].Contains(Peek.Text))
        {
            var op = _tokens[_next++].Text;
            var right = ParseBinary(level + 1);
            left = op switch
            {
                "implies" or "or" or "xor" or "and" => new LogicExpr(left, right, op),
                "=" or "!=" => new EqualityExpr(left, right, op == "!="),
                "<" or "<=" or ">" or ">=" => new ComparisonExpr(left, right, op),
                "|" => new UnionExpr(left, right),
                "+" or "-" or "&" or "*" or "/" or "div" or "mod" => new ArithmeticExpr(left, right, op),
                _ => throw Error($"the operator '{op}' is not supported; supported: and, or, xor, implies, =, !=, <, <=, >, >=, |, +, -, *, /, div, mod, &"),
            };
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "-" or "+")
        {
            var sign = _tokens[_next++].Text;
            var operand = ParseUnary();
            return sign == "-" ? new NegateExpr(operand) : operand;
        }

        return ParsePostfix(ParseTerm());
    }

    private Expr ParsePostfix(Expr expression)
    {
        while (true)
        {
            if (Accept("."))
            {
                var name = Expect(TokenKind.Identifier, "a name or function after '.'");
                expression = new PathExpr(expression, ParseInvocation(name));
            }
            else if (Accept("["))
            {
                var index = ParseBinary(0);
                ExpectSymbol("]");
                expression = new IndexExpr(expression, index);
            }
            else
            {
                return expression;
            }
        }
    }

    private Expr ParseTerm()
    {
        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case TokenKind.String:
                return new LiteralExpr(Item.Of(token.Text));
            case TokenKind.Number:
                return new LiteralExpr(token.Text.Contains('.', StringComparison.Ordinal)
                    ? Item.Of(decimal.Parse(token.Text, CultureInfo.InvariantCulture))
                    : long.TryParse(token.Text, CultureInfo.InvariantCulture, out var whole) ? Item.Of(whole) : throw Error($"{token.Text} is too large"));
            case TokenKind.DateTime:
                return new LiteralExpr(Item.Of(token.Text.TrimStart('T'), token.Text.Contains('T', StringComparison.Ordinal) ? "dateTime" : "date"));
            case TokenKind.Constant:
                return Constant(token.Text);
            case TokenKind.Special when token.Text == "this":
                return new ThisExpr();
            case TokenKind.Symbol when token.Text == "(":
                var inner = ParseBinary(0);
                ExpectSymbol(")");
                return inner;
            case TokenKind.Symbol when token.Text == "{}":
                return new EmptyExpr();
            case TokenKind.Identifier when token.Text is "true" or "false":
                return new LiteralExpr(token.Text == "true" ? Item.True : Item.False);
            case TokenKind.Identifier:
                return ParseInvocation(token);
            case TokenKind.End:
                throw Error("it ends where a value was expected");
            default:
                throw Error($"unexpected '{token.Text}' at position {token.Position + 1}");
        }
    }

    private Expr Constant(string name)
    {
        if (name is "resource" or "rootResource")
        {
            return new ResourceExpr();
        }

        return _constants.TryGetValue(name, out var value)
            ? new LiteralExpr(value)
            : throw Error($"undefined environment variable: {name} (define it in the view's constant list, or use %resource)");
    }

    private bool Accept(string symbol)
    {
        if (Peek.Kind == TokenKind.Symbol && Peek.Text == symbol)
        {
            _next++;
            return true;
        }

        return false;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!Accept(symbol))
        {
            throw Error(Peek.Kind == TokenKind.End ? $"'{symbol}' is missing at the end" : $"expected '{symbol}' at position {Peek.Position + 1}, found '{Peek.Text}'");
        }
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw Error($"expected {what} at position {Peek.Position + 1}");
        }

        return _tokens[_next++];
    }

    private ViewDefinitionException Error(string problem) => new(_jsonPath, $"'{_text}' is not valid FHIRPath: {problem}");
}
