namespace Calfwise.Cli.Output;

public enum OutputFormat
{
    Text,
    Json,
}

internal static class OutputFormats
{
    extension(OutputFormat)
    {
        public static OutputFormat? Parse(string value, CliIo io)
        {
            switch (value)
            {
                case "text":
                    return OutputFormat.Text;
                case "json":
                    return OutputFormat.Json;
                default:
                    io.Error.WriteLine($"calfwise: --format: '{value}' is not a format; accepted: text, json");
                    return null;
            }
        }
    }
}
