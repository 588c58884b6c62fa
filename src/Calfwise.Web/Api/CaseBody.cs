using System.Buffers;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Api;

/// <summary>Reads the case in a request body with the contract, keeping every precise error of docs/case-format.md.</summary>
public static class CaseBody
{
    /// <summary>
    /// The largest case body read, in bytes (docs/case-format.md). A full case with every finding answered, 60 labs and
    /// 40 medicines is under 16 KB; a larger body is refused before it is parsed.
    /// </summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<CaseReadResult> ReadAsync(HttpRequest request, KnowledgeBase knowledge, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        if (!request.HasJsonContentType())
        {
            return new CaseReadResult(null, [new InputError("(case)", "must be sent as JSON (Content-Type: application/json)")]);
        }

        if (request.ContentLength > MaxBytes)
        {
            return TooLarge($"is {request.ContentLength.Value} bytes");
        }

        var reader = request.BodyReader;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (read.Buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                return TooLarge($"is over {MaxBytes} bytes"); // a chunked body without a length: stop reading here
            }

            if (!read.IsCompleted)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // keep it all until the body is complete
                continue;
            }

            try
            {
                return read.Buffer.IsSingleSegment
                    ? CaseJson.Read(read.Buffer.FirstSpan, knowledge, today)
                    : CaseJson.Read(read.Buffer.ToArray(), knowledge, today);
            }
            finally
            {
                reader.AdvanceTo(read.Buffer.End);
            }
        }
    }

    private static CaseReadResult TooLarge(string size) =>
        new(null, [new InputError("(case)", $"the body {size}; a case of at most {MaxBytes} bytes is accepted")]);
}
