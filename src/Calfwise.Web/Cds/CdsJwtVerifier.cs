using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Calfwise.Web.Cds;

/// <summary>An EHR trusted to call the CDS services: its <c>iss</c> and the keys it signs with.</summary>
public sealed record CdsIssuer(string Issuer, IReadOnlyList<SecurityKey> Keys);

/// <summary>
/// Verifies the JWT an EHR sends with every CDS Hooks call (CDS Hooks 2.0, "Trusting CDS Clients"): signed with an
/// asymmetric algorithm by a configured issuer's key, <c>aud</c> the exact URL called, <c>exp</c> and <c>iat</c>
/// against the clock, and a <c>jti</c> never seen before from that issuer.
/// </summary>
public sealed class CdsJwtVerifier(IReadOnlyList<CdsIssuer> issuers, TimeProvider time)
{
    /// <summary>Asymmetric algorithms only: <c>none</c> and the HMAC family (HS*) are refused.</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>The spec's longest life of a token: exp no more than 5 minutes in the future.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Allowed difference between the EHR's clock and ours.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Null when the token is good (and its jti is now used up), else why it is refused.</summary>
    public async Task<string?> VerifyAsync(string? authorization, string audience)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return "Authorization: a Bearer JWT is required.";
        }

        var raw = authorization[bearer.Length..].Trim();
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return "Authorization: the bearer token is not a JWT.";
        }

        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return $"JWT alg '{token.Alg}' is not accepted; use an asymmetric algorithm such as ES384 or RS384.";
        }

        var issuer = issuers.FirstOrDefault(i => string.Equals(i.Issuer, token.Issuer, StringComparison.Ordinal));
        if (issuer is null)
        {
            return $"JWT iss '{token.Issuer}' is not a trusted issuer.";
        }

        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = issuer.Keys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            // exp and iat are checked below against the app's clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidAudienceException => $"JWT aud must be the URL called ({audience}).",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "JWT signature does not verify with the issuer's keys.",
                _ => "JWT is not valid.",
            };
        }

        return CheckTimesAndReplay(token, issuer.Issuer);
    }

    private string? CheckTimesAndReplay(JsonWebToken token, string issuer)
    {
        var now = time.GetUtcNow();
        if (!token.TryGetPayloadValue<long>("exp", out var exp))
        {
            return "JWT exp is required.";
        }

        if (!token.TryGetPayloadValue<long>("iat", out var iat))
        {
            return "JWT iat is required.";
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expires + ClockSkew <= now)
        {
            return "JWT has expired (exp).";
        }

        if (expires - MaxLifetime - ClockSkew > now)
        {
            return "JWT exp is more than 5 minutes in the future.";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(iat) - ClockSkew > now)
        {
            return "JWT iat is in the future.";
        }

        if (string.IsNullOrEmpty(token.Id))
        {
            return "JWT jti is required.";
        }

        foreach (var (key, until) in _seen)
        {
            if (until < now)
            {
                _seen.TryRemove(key, out _);
            }
        }

        return _seen.TryAdd(issuer + " " + token.Id, expires + ClockSkew) ? null : "JWT jti has already been used.";
    }
}
