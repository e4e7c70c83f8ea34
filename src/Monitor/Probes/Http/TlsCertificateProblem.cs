using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probes.Http;

/// <summary>Says in one sentence why a server certificate was refused.</summary>
internal static class TlsCertificateProblem
{
    public static string Describe(SslPolicyErrors errors, X509Chain? chain)
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
