using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probes.Http;

/// <summary>
/// The chain policies a target's handshakes are validated with. With OpenSSL every chain build that trusts the system
/// store first loads that whole store (a hundred-odd certificates) into a new one, which costs more than the rest of
/// the validation; so the system store is consulted only when trust is asked for and the target's own CA
/// certificates did not already establish it.
/// </summary>
/// <remarks>
/// Revocation is never checked (nor is it by the blackbox exporter). An online check would send every probe to CRL and
/// OCSP servers on the internet, which a probe of a loopback or private target must not do and which would add their
/// latency to the handshake's; an offline check has no cached revocation lists to consult, so it would fail every
/// chain with "revocation status unknown". When trust is asked for, a missing intermediate certificate is still
/// downloaded from the address the certificate names, as the platform does by default; when it is not, nothing is.
/// </remarks>
internal static class TlsChainPolicies
{
    /// <summary>The policy given to the TLS handshake, or null for the default: the system's trust store.</summary>
    public static X509ChainPolicy? For(bool insecureSkipVerify, X509Certificate2Collection? trustedRoots)
    {
        if (insecureSkipVerify)
        {
            // Trust is not asked for: no anchors and nothing downloaded. The chain is what the server sent, which is
            // all the expiry gauge reads.
            return new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
        }

        if (trustedRoots is { Count: > 0 })
        {
            // The target's own CAs first: a partner's private CA is why caFile is set. The system store is the
            // fallback (see BuildWithSystemTrust).
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(trustedRoots);
            return policy;
        }

        return null;
    }

    /// <summary>
    /// Builds the chain again against the system's trust store, with what the handshake's build used: the
    /// certificates the server sent and the server-authentication usage. The host name was already checked.
    /// </summary>
    public static X509Chain BuildWithSystemTrust(X509Certificate2 leaf, X509Chain? handshakeChain)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (handshakeChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(handshakeChain.ChainPolicy.ExtraStore);
            foreach (var usage in handshakeChain.ChainPolicy.ApplicationPolicy)
            {
                chain.ChainPolicy.ApplicationPolicy.Add(usage);
            }
        }

        chain.Build(leaf);
        return chain;
    }
}
