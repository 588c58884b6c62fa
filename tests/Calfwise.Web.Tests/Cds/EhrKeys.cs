using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Calfwise.Web.Tests.Cds;

/// <summary>An EHR for the tests: ES384 and RS384 key pairs made here, its JWKS (public keys only) and signed tokens.</summary>
public sealed class EhrKeys : IDisposable
{
    public const string Issuer = "https://ehr.example.org";

    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly RSA _rsa = RSA.Create(2048);

    public SigningCredentials Es384 => new(new ECDsaSecurityKey(_ec) { KeyId = "ec-1" }, SecurityAlgorithms.EcdsaSha384);

    public SigningCredentials Rs384 => new(new RsaSecurityKey(_rsa) { KeyId = "rsa-1" }, SecurityAlgorithms.RsaSha384);

    /// <summary>The JSON Web Key Set the EHR publishes: public parts only.</summary>
    public string Jwks()
    {
        var ec = _ec.ExportParameters(false);
        var rsa = _rsa.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject { ["kty"] = "EC", ["crv"] = "P-384", ["kid"] = "ec-1", ["use"] = "sig", ["alg"] = "ES384", ["x"] = Base64UrlEncoder.Encode(ec.Q.X), ["y"] = Base64UrlEncoder.Encode(ec.Q.Y) },
                new JsonObject { ["kty"] = "RSA", ["kid"] = "rsa-1", ["use"] = "sig", ["alg"] = "RS384", ["n"] = Base64UrlEncoder.Encode(rsa.Modulus), ["e"] = Base64UrlEncoder.Encode(rsa.Exponent) }),
        }.ToJsonString();
    }

    /// <summary>A token as the spec asks: iss, sub, aud, exp (5 minutes), iat, jti.</summary>
    public static string Token(SigningCredentials credentials, string audience, DateTimeOffset now, string? jti = null, string issuer = Issuer, TimeSpan? expiresIn = null)
    {
        var issued = now.UtcDateTime;
        var expires = issued + (expiresIn ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiresIn is { } e && e < TimeSpan.Zero ? expires - TimeSpan.FromMinutes(5) : issued,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", "ehr-client"), new Claim("jti", jti ?? Guid.NewGuid().ToString())]),
            SigningCredentials = credentials,
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise good claims.</summary>
    public static string AlgNone(string audience, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = Issuer, ["sub"] = "ehr-client", ["aud"] = audience, ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        };
        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString())) + ".";
    }

    public static SigningCredentials Hs256() => new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "ec-1" }, SecurityAlgorithms.HmacSha256);

    public void Dispose()
    {
        _ec.Dispose();
        _rsa.Dispose();
    }
}
