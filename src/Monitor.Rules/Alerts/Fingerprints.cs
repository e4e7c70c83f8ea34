using System.Security.Cryptography;
using System.Text;

namespace Monitor.Rules.Alerts;

/// <summary>Stable identities of alert series.</summary>
public static class Fingerprints
{
    /// <summary>
    /// The fingerprint of a (rule, series) pair: the first 16 hex digits of SHA-256 over both names,
    /// the same on every machine and across restarts.
    /// </summary>
    public static string For(string rule, string series)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(rule + "\n" + series));
        return Convert.ToHexStringLower(bytes, 0, 8);
    }
}
