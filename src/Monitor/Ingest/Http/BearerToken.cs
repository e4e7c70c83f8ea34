using System.Security.Cryptography;
using System.Text;

namespace Monitor.Ingest.Http;

/// <summary>
/// Checks <c>Authorization: Bearer ...</c> in constant time: both tokens are hashed first, so the
/// comparison takes as long whatever the length or the first differing byte.
/// </summary>
internal sealed class BearerToken
{
    private const int MaxHeaderBytes = 4096;
    private readonly byte[]? _expectedHash;

    public BearerToken(string token)
    {
        _expectedHash = token.Length == 0 ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>False when no token is configured: HTTP ingest is then off.</summary>
    public bool Enabled => _expectedHash is not null;

    public bool IsValid(string? authorization)
    {
        const string scheme = "Bearer ";
        if (_expectedHash is null || authorization is null
            || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = authorization.AsSpan(scheme.Length).Trim();
        Span<byte> bytes = stackalloc byte[MaxHeaderBytes];
        if (!Encoding.UTF8.TryGetBytes(presented, bytes, out var written))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash);
    }
}
