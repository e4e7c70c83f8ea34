using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probes.Http;

/// <summary>What a TLS handshake showed: the earliest expiry in the chain and, for an invalid certificate, why.</summary>
internal readonly record struct TlsHandshake(DateTimeOffset NotAfter, string? Problem);

/// <summary>
/// The certificate validation callback of one target's handler. It records every handshake so that expiry is
/// measured on each run, trusts the target's own CA certificates besides the system's, and accepts an invalid
/// certificate only when the target allows it.
/// </summary>
internal sealed class TlsCertificateCapture(bool insecureSkipVerify, X509Certificate2Collection? trustedRoots = null)
{
    private readonly Lock _gate = new();
    private TlsHandshake? _last;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return errors == SslPolicyErrors.None || insecureSkipVerify;
        }

        using var rebuilt = errors == SslPolicyErrors.RemoteCertificateChainErrors && trustedRoots is { Count: > 0 } && certificate is X509Certificate2 leaf
            ? Rebuild(leaf, chain, trustedRoots)
            : null;
        if (rebuilt is not null && rebuilt.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NoError))
        {
            errors = SslPolicyErrors.None;
        }

        // A rebuilt chain explains a failure (expired, untrusted) and holds the dates for the expiry gauge.
        var used = rebuilt ?? chain;
        var handshake = new TlsHandshake(EarliestNotAfter(certificate, used), errors == SslPolicyErrors.None ? null : Describe(errors, used));
        lock (_gate)
        {
            _last = handshake;
        }

        return errors == SslPolicyErrors.None || insecureSkipVerify;
    }

    /// <summary>The CA certificates of a target's <c>caFile</c> (validated at start), or null without one.</summary>
    public static X509Certificate2Collection? LoadRoots(string? caFile, string configDirectory)
    {
        if (string.IsNullOrEmpty(caFile))
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(Path.Combine(configDirectory, caFile));
        return roots;
    }

    /// <summary>The handshake seen since the last call, if any.</summary>
    public TlsHandshake? Take()
    {
        lock (_gate)
        {
            var last = _last;
            _last = null;
            return last;
        }
    }

    /// <summary>Builds the chain again against the target's CA certificates only; the host name was already checked.</summary>
    private static X509Chain Rebuild(X509Certificate2 leaf, X509Chain? original, X509Certificate2Collection roots)
    {
        var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (original is not null)
        {
            // Intermediates the server sent.
            custom.ChainPolicy.ExtraStore.AddRange(original.ChainPolicy.ExtraStore);
        }

        custom.Build(leaf);
        return custom;
    }

    private static DateTimeOffset EarliestNotAfter(X509Certificate certificate, X509Chain? chain)
    {
        // Chain elements are only valid inside the callback, so the dates are read here.
        var earliest = (certificate as X509Certificate2)?.NotAfter ?? DateTime.MaxValue;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                if (element.Certificate.NotAfter < earliest)
                {
                    earliest = element.Certificate.NotAfter;
                }
            }
        }

        return new DateTimeOffset(earliest.ToUniversalTime(), TimeSpan.Zero);
    }

    private static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var problems = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            problems.Add("the server sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problems.Add("the certificate does not name this host");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var flags = (chain?.ChainStatus ?? []).Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
            if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
            {
                problems.Add("the certificate is expired or not yet valid");
            }

            if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot) || flags.HasFlag(X509ChainStatusFlags.PartialChain))
            {
                problems.Add("the certificate is not trusted (self-signed or unknown issuer)");
            }

            if (flags.HasFlag(X509ChainStatusFlags.Revoked))
            {
                problems.Add("the certificate is revoked");
            }

            var other = flags & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.Revoked);
            if (other != X509ChainStatusFlags.NoError || problems.Count == 0)
            {
                problems.Add($"certificate chain error ({other})");
            }
        }

        return "invalid certificate: " + string.Join("; ", problems);
    }
}
