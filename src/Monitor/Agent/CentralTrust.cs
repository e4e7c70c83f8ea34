using System.Security.Cryptography.X509Certificates;

namespace Monitor.Agent;

/// <summary>The handler the agent reaches its centrals with: the system's trust store, or only the CAs of <c>monitor:agent:caFile</c>.</summary>
internal static class CentralTrust
{
    public static SocketsHttpHandler Handler(X509Certificate2Collection? roots)
    {
        var handler = new SocketsHttpHandler();
        if (roots is { Count: > 0 })
        {
            // Revocation is not checked: a private CA seldom publishes lists, and the agent must not reach out for them.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return handler;
    }
}
