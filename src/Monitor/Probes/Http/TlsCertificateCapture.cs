using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probes.Http;

/// <summary>What a TLS handshake showed: the earliest expiry in the chain and, for an invalid certificate, why.</summary>
internal readonly record struct TlsHandshake(DateTimeOffset NotAfter, string? Problem);

/// <summary>
/// The certificate validation callback of one target's handler. It records every handshake so that expiry is
/// measured on each run, and accepts an invalid certificate only when the target allows it.
/// </summary>
internal sealed class TlsCertificateCapture(bool insecureSkipVerify)
{
    private readonly Lock _gate = new();
    private TlsHandshake? _last;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not null)
        {
            var handshake = new TlsHandshake(EarliestNotAfter(certificate, chain), errors == SslPolicyErrors.None ? null : Describe(errors, chain));
            lock (_gate)
            {
                _last = handshake;
            }
        }

        return errors == SslPolicyErrors.None || insecureSkipVerify;
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
