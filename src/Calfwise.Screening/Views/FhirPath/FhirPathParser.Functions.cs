namespace Calfwise.Screening.Views;

/// <summary>The functions SQL-on-FHIR v2 requires of FHIRPath, each checked for its arguments when parsed.</summary>
internal sealed partial class FhirPathParser
{
    private const string Supported = "first(), last(), count(), empty(), exists([criteria]), not(), where(criteria), ofType(type), extension(url), join([separator]), getResourceKey(), getReferenceKey([type])";

    private Expr ParseInvocation(Token name)
    {
        if (!Accept("("))
        {
            return new MemberExpr(name.Text);
        }

        var arguments = new List<Expr>();
        if (!Accept(")"))
        {
            do
            {
                arguments.Add(ParseBinary(0));
            }
            while (Accept(","));
            ExpectSymbol(")");
        }

        return Function(name.Text, arguments);
    }

    private Expr Function(string name, List<Expr> arguments)
    {
        switch (name)
        {
            case "first" or "last" or "count" or "empty" or "not" or "exists" when arguments.Count == 0:
                return new CollectionFunction(name);
            case "exists" or "where":
                Arity(name, arguments, 1, 1);
                return new FilterFunction(arguments[0], exists: name == "exists");
            case "ofType":
                Arity(name, arguments, 1, 1);
                var typeName = arguments[0].AsName();
                return new OfTypeFunction((typeName is null ? null : FhirTypes.Find(typeName))
                    ?? throw Error($"ofType() was given an invalid type; name a FHIR type such as Quantity, string or dateTime"));
            case "extension":
                Arity(name, arguments, 1, 1);
                return new ExtensionFunction(TextArgument(name, arguments[0]));
            case "join":
                Arity(name, arguments, 0, 1);
                return new JoinFunction(arguments.Count == 0 ? "" : TextArgument(name, arguments[0]));
            case "getResourceKey":
                Arity(name, arguments, 0, 0);
                return new KeyFunction(reference: false, type: null);
            case "getReferenceKey":
                Arity(name, arguments, 0, 1);
                var referenced = arguments.Count == 0 ? null : arguments[0].AsName()
                    ?? throw Error("getReferenceKey() takes a resource type name, such as getReferenceKey(Patient)");
                return new KeyFunction(reference: true, type: referenced);
            case "first" or "last" or "count" or "empty" or "not":
                throw Error($"{name}() takes no arguments");
            default:
                throw Error($"unknown function '{name}()'; supported: {Supported}");
        }
    }

    private void Arity(string name, List<Expr> arguments, int least, int most)
    {
        if (arguments.Count < least || arguments.Count > most)
        {
            var expected = least == most ? $"{least}" : $"{least} to {most}";
            throw Error($"{name}() takes {expected} argument(s), not {arguments.Count}");
        }
    }

    private string TextArgument(string name, Expr argument) =>
        argument is LiteralExpr { Value.Value: string text }
            ? text
            : throw Error($"{name}() takes a string literal or string constant");
}
