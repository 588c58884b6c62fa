using System.Buffers;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Api;

/// <summary>Reads the case in a request body with the contract, keeping every precise error of docs/case-format.md.</summary>
public static class CaseBody
{
    public static async Task<CaseReadResult> ReadAsync(HttpRequest request, KnowledgeBase knowledge, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        if (!request.HasJsonContentType())
        {
            return new CaseReadResult(null, [new InputError("(case)", "must be sent as JSON (Content-Type: application/json)")]);
        }

        var reader = request.BodyReader;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
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
}
