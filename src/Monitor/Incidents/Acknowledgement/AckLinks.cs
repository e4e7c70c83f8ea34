using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Monitor.Configuration;
using Monitor.Storage;

namespace Monitor.Incidents.Acknowledgement;

/// <summary>Why an acknowledgement link was refused, or that it is good.</summary>
internal enum AckLinkCheck
{
    Valid,
    Malformed,
    Forged,
    Expired,
}

/// <summary>A verified link: the incident it acknowledges and its one-time nonce.</summary>
internal sealed record AckLinkClaims(long IncidentId, DateTimeOffset Expires, string Nonce);

/// <summary>
/// Signed, expiring acknowledgement links: <c>/ack?t=TOKEN</c> where TOKEN is
/// <c>base64url("v1|incident|expiry|nonce") + "." + base64url(HMAC-SHA256)</c>. The key comes from
/// <c>monitor:api:ackSecret</c>, or is generated once and kept in the store, so the daemon and the
/// command line sign alike. Signatures are compared in constant time; the nonce makes a link work once.
/// </summary>
internal sealed class AckLinks(ApiOptions options, ProjectIdentity project, TimeProvider time)
{
    private const string SettingKey = "ack-secret";
    private byte[]? _key;

    public TimeSpan Validity { get; } = Duration.Parse(options.AckLinkValidity);

    /// <summary>The key: configured, or read (generated on first use) from the store inside the caller's transaction.</summary>
    public byte[] Key(IStoreTransaction tx)
    {
        if (_key is { } key)
        {
            return key;
        }

        var configured = SecretValue.Resolve(options.AckSecret);
        var text = !string.IsNullOrEmpty(configured)
            ? configured
            : tx.Settings.SetIfAbsent(SettingKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow());
        return _key = Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A token for <paramref name="incidentId"/> valid until <paramref name="expires"/>.</summary>
    public static string CreateToken(byte[] key, long incidentId, DateTimeOffset expires, string? nonce = null)
    {
        nonce ??= Base64Url(RandomNumberGenerator.GetBytes(12));
        var payload = string.Create(CultureInfo.InvariantCulture, $"v1|{incidentId}|{expires.ToUnixTimeSeconds()}|{nonce}");
        var bytes = Encoding.UTF8.GetBytes(payload);
        return Base64Url(bytes) + "." + Base64Url(HMACSHA256.HashData(key, bytes));
    }

    public string CreateUrl(byte[] key, long incidentId, DateTimeOffset now) =>
        $"{project.BaseUrl}/ack?t={CreateToken(key, incidentId, now + Validity)}";

    /// <summary>Checks a token's form, signature and expiry (not whether its nonce was used: the store knows that).</summary>
    public static AckLinkCheck Verify(byte[] key, string? token, DateTimeOffset now, out AckLinkClaims? claims)
    {
        claims = null;
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return AckLinkCheck.Malformed;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var signature))
        {
            return AckLinkCheck.Malformed;
        }

        var expected = HMACSHA256.HashData(key, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return AckLinkCheck.Forged;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || parts[0] != "v1"
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var incident)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || parts[3].Length == 0)
        {
            return AckLinkCheck.Malformed;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiry);
        claims = new AckLinkClaims(incident, expires, parts[3]);
        return now >= expires ? AckLinkCheck.Expired : AckLinkCheck.Valid;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            bytes = Convert.FromBase64String(s);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
