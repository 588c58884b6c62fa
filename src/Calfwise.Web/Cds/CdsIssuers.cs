using Microsoft.IdentityModel.Tokens;

namespace Calfwise.Web.Cds;

/// <summary>Reads the trusted EHRs from configuration: <c>Cds:Issuers:N:Issuer</c> with <c>Jwks</c> (JSON) or <c>JwksPath</c>.</summary>
public static class CdsIssuers
{
    public static IReadOnlyList<CdsIssuer> Read(IConfigurationSection section) =>
        section.GetChildren().Select((child, index) => Read(child, $"{section.Path}:{index}")).ToList();

    private static CdsIssuer Read(IConfigurationSection child, string path)
    {
        var issuer = child["Issuer"];
        if (string.IsNullOrWhiteSpace(issuer))
        {
            throw new InvalidOperationException($"{path}:Issuer is required (the iss the EHR puts in its JWTs).");
        }

        var json = child["Jwks"];
        var file = child["JwksPath"];
        if (string.IsNullOrWhiteSpace(json) && !string.IsNullOrWhiteSpace(file))
        {
            json = File.Exists(file) ? File.ReadAllText(file) : throw new InvalidOperationException($"{path}:JwksPath '{file}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            throw new InvalidOperationException($"{path}: Jwks (the JSON Web Key Set) or JwksPath is required.");
        }

        IList<SecurityKey> keys;
        try
        {
            keys = new JsonWebKeySet(json).GetSigningKeys();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{path}:Jwks is not a JSON Web Key Set: {e.Message}", e);
        }

        // Symmetric keys would let anyone holding the secret sign; only public keys are trusted.
        var asymmetric = keys.Where(k => k is AsymmetricSecurityKey or JsonWebKey { Kty: "EC" or "RSA" }).ToList();
        return asymmetric.Count > 0 ? new CdsIssuer(issuer, asymmetric) : throw new InvalidOperationException($"{path}:Jwks has no EC or RSA public key.");
    }
}
