using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probes.Http;

/// <summary>What a TLS handshake showed: the earliest expiry in the chain and, for a refused certificate, why.</summary>
internal readonly record struct TlsHandshake(DateTimeOffset NotAfter, string? Problem);

/// <summary>
/// The certificate validation of one target's handler. It records every handshake so that expiry is measured on each
/// run, trusts the target's own CA certificates besides the system's, and accepts an invalid certificate only when the
/// target allows it.
/// </summary>
internal sealed class TlsCertificateCapture
{
    private readonly bool _insecureSkipVerify;
    private readonly Lock _gate = new();
    private TlsHandshake? _last;

    public TlsCertificateCapture(bool insecureSkipVerify, X509Certificate2Collection? trustedRoots = null)
    {
        _insecureSkipVerify = insecureSkipVerify;
        ChainPolicy = TlsChainPolicies.For(insecureSkipVerify, trustedRoots);
    }

    /// <summary>The policy the handshake builds the server's chain with; null for the system's trust store.</summary>
    public X509ChainPolicy? ChainPolicy { get; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return errors == SslPolicyErrors.None || _insecureSkipVerify;
        }

        if (_insecureSkipVerify)
        {
            // The certificate is accepted whatever it is, so it can be no reason for a failed handshake: no problem is
            // recorded, only the dates.
            Record(new TlsHandshake(EarliestNotAfter(certificate, chain), null));
            return true;
        }

        // The handshake checked the target's own CAs only (see TlsChainPolicies): the system's may still trust it.
        using var system = errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && ChainPolicy is not null && certificate is X509Certificate2 leaf
            ? TlsChainPolicies.BuildWithSystemTrust(leaf, chain)
            : null;
        var systemTrusts = system is not null && system.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NoError);
        if (systemTrusts)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        }

        // The trusting chain holds the dates for the expiry gauge; otherwise the handshake's explains the failure.
        var used = systemTrusts ? system : chain;
        Record(new TlsHandshake(EarliestNotAfter(certificate, used), errors == SslPolicyErrors.None ? null : TlsCertificateProblem.Describe(errors, used)));
        return errors == SslPolicyErrors.None;
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

    private void Record(TlsHandshake handshake)
    {
        lock (_gate)
        {
            _last = handshake;
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
}
