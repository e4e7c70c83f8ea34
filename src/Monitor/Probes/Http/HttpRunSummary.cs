namespace Monitor.Probes.Http;

/// <summary>
/// Folds a run's attempts into one result. Retries never hide a failure: a run whose first attempt failed is a
/// failure with the first attempt's reason even when a retry passed; the result then says it recovered.
/// </summary>
internal static class HttpRunSummary
{
    public static ProbeResult Fold(string target, string kind, DateTimeOffset started, TimeSpan duration, IReadOnlyList<HttpAttempt> attempts)
    {
        var first = attempts[0];
        var last = attempts[^1];
        var sent = attempts.Count(a => a.Sent);
        var detail = first.Detail;
        for (var i = 1; i < attempts.Count; i++)
        {
            var a = attempts[i];
            detail += a.Success
                ? $"; retry {i} passed ({a.Detail})"
                : a.Sent ? $"; retry {i} failed too ({a.Reason}: {a.Detail})" : $"; retry {i} not sent ({a.Detail})";
        }

        var gauges = new Dictionary<string, double>(StringComparer.Ordinal);
        if (attempts.LastOrDefault(a => a.CertificateNotAfter is not null)?.CertificateNotAfter is { } notAfter)
        {
            gauges[HttpProbe.CertExpiryGauge] = Math.Round((notAfter - (started + duration)).TotalSeconds);
        }

        var lastSent = attempts.LastOrDefault(a => a.Sent);
        if (lastSent?.DnsTime is { } dns)
        {
            gauges[HttpProbe.DnsGauge] = dns.TotalSeconds;
        }

        if (lastSent?.ConnectTime is { } connect)
        {
            gauges[HttpProbe.ConnectGauge] = connect.TotalSeconds;
        }

        return new ProbeResult(target, kind, started, duration, first.Success, first.Reason, detail)
        {
            StatusCode = first.StatusCode ?? last.StatusCode,
            ErrorType = first.ErrorType,
            Attempts = sent,
            RecoveredOnRetry = !first.Success && last.Success,
            Gauges = gauges,
        };
    }
}
