using Monitor.Configuration;
using Polly;
using Polly.CircuitBreaker;

namespace Monitor.Probes.Http;

/// <summary>
/// Probes one HTTP target: sends its request through the target's Polly pipeline (timeout, breaker, retries) on
/// its own handler, checks each answer, and folds the attempts into one <see cref="ProbeResult"/>.
/// </summary>
internal sealed partial class HttpProbe : IProbe, IDisposable
{
    /// <summary>The gauge holding the seconds until the earliest certificate in the server's chain expires.</summary>
    public const string CertExpiryGauge = "tls_cert_expiry_seconds";

    /// <summary>The gauge holding how long name resolution took.</summary>
    public const string DnsGauge = "http_dns_seconds";

    /// <summary>The gauge holding how long the TCP connect took.</summary>
    public const string ConnectGauge = "http_connect_seconds";

    private readonly HttpTargetOptions _target;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretRedactor? _redactor;
    private readonly TlsCertificateCapture _tls;
    private readonly HttpClient _client;
    private readonly HttpRequestTemplate _request;
    private readonly HttpExpectations _expect;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline<HttpAttempt> _pipeline;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _emptySecretsReported = new(StringComparer.Ordinal);
    private string _lastNoAnswer = "";

    /// <param name="target">The target.</param>
    /// <param name="time">The clock.</param>
    /// <param name="configDirectory">The folder relative paths (body file, CA file) are read from.</param>
    /// <param name="logger">Log sink; none by default.</param>
    /// <param name="redactor">
    /// Masks the configured secrets in the result and the log, as a server may quote a request's key back in the
    /// header or body value a check names. None by default.
    /// </param>
    public HttpProbe(HttpTargetOptions target, TimeProvider time, string configDirectory, ILogger<HttpProbe>? logger = null, SecretRedactor? redactor = null)
    {
        _target = target;
        _redactor = redactor;
        _time = time;
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _timeout = Duration.Parse(target.Timeout);
        _tls = new TlsCertificateCapture(target.InsecureSkipVerify, TlsCertificateCapture.LoadRoots(target.CaFile, configDirectory));
        // The pipeline's timeout bounds each attempt; the client's own timeout would only blur the reason.
        _client = new HttpClient(HttpProbeHandler.Create(target, _tls, _timeout)) { Timeout = Timeout.InfiniteTimeSpan };
        _request = new HttpRequestTemplate(target, configDirectory, OnEmptySecret);
        _expect = new HttpExpectations(target.Expect);
        _pipeline = HttpProbePipeline.Build(target, time, OnRetry, OnBreak);
    }

    public string Name => _target.Name;

    public string Kind => "http";

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var clock = _time.GetTimestamp();
        var run = new Run(this, cancellationToken);
        try
        {
            await _pipeline.ExecuteAsync(static (run, token) => run.AttemptAsync(token), run, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            var next = e.RetryAfter is { } after ? $"; next trial in {Duration.Format(after)}" : "";
            var last = _lastNoAnswer.Length > 0 ? $" (last failure: {_lastNoAnswer})" : "";
            run.Attempts.Add(HttpAttempt.Failed(HttpFailureReason.Connect, $"circuit open{last}: nothing sent{next}", TimeSpan.Zero) with { Sent = false });
        }

        var result = HttpRunSummary.Fold(Name, Kind, started, _time.GetElapsedTime(clock), run.Attempts);
        return _redactor is null ? result : result with { Detail = _redactor.Redact(result.Detail) };
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<HttpAttempt> SendOnceAsync(CancellationToken attemptToken, CancellationToken runToken)
    {
        var progress = new AttemptProgress(_time, 1 + (_target.FollowRedirects ? _target.MaxRedirects : 0));
        var attempt = await SendAsync(progress, attemptToken, runToken);
        return attempt with { DnsTime = progress.DnsTime, ConnectTime = progress.ConnectTime };
    }

    private async ValueTask<HttpAttempt> SendAsync(AttemptProgress progress, CancellationToken attemptToken, CancellationToken runToken)
    {
        var clock = _time.GetTimestamp();
        _tls.Take();
        try
        {
            using var request = _request.Create(progress);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken);
            progress.Enter(AttemptPhase.ReadingBody);
            using var body = await CappedBody.ReadAsync(response.Content, _target.MaxBodyBytes, progress, attemptToken);
            var latency = _time.GetElapsedTime(clock);
            var tls = _tls.Take();
            var attempt = body.TooLarge
                ? HttpAttempt.Failed(HttpFailureReason.Size, $"body longer than {_target.MaxBodyBytes} bytes", latency) with { StatusCode = (int)response.StatusCode }
                : HttpAnswerCheck.Check(_expect, response, body.Span, latency, tls, _time.GetUtcNow());
            return attempt with { CertificateNotAfter = tls?.NotAfter };
        }
        catch (OperationCanceledException) when (!runToken.IsCancellationRequested)
        {
            // Only the pipeline's per-attempt timeout cancels without the run being cancelled.
            return NoAnswer(HttpFailureReason.Timeout, $"no complete answer within {Duration.Format(_timeout)} ({progress.Describe()})", clock);
        }
        catch (HttpRequestException e)
        {
            var tls = _tls.Take();
            var (reason, detail) = progress.RefusedHiddenRetry
                ? (HttpFailureReason.Protocol, "the connection closed before a complete answer")
                : HttpFailureClassifier.Classify(e, _request.Url.Host, tls, _target.HttpVersion == "2");
            return NoAnswer(reason, detail, clock) with { CertificateNotAfter = tls?.NotAfter };
        }
        catch (IOException e)
        {
            // The connection dropped while the body was being read.
            return NoAnswer(HttpFailureReason.Protocol, $"the connection broke while reading the body ({progress.Describe()}): {e.Message}", clock);
        }
    }

    private HttpAttempt NoAnswer(string reason, string detail, long clock)
    {
        if (HttpFailureReason.LooksDown(reason))
        {
            _lastNoAnswer = $"{reason}: {detail}";
        }

        return HttpAttempt.Failed(reason, detail, _time.GetElapsedTime(clock));
    }

    private void OnRetry(HttpAttempt failed, int nextAttempt) =>
        LogRetrying(Name, nextAttempt, failed.Reason ?? "unknown", _redactor?.Redact(failed.Detail) ?? failed.Detail);

    private void OnEmptySecret(string setting)
    {
        // Once per setting: the probe keeps failing with the server's answer (often 401), and this says why.
        if (_emptySecretsReported.TryAdd(setting, true))
        {
            LogEmptySecret(Name, setting);
        }
    }

    private void OnBreak() => LogCircuitOpened(Name, _target.CircuitBreaker.BreakDuration);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe {Target}: confirm-retry {Attempt} after a failure ({Reason}): {Detail}")]
    private partial void LogRetrying(string target, int attempt, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe {Target}: {Setting} refers to an unset variable or a missing or empty file; requests go without it")]
    private partial void LogEmptySecret(string target, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe {Target}: circuit opened after repeated failures without an answer; nothing is sent for {BreakDuration}")]
    private partial void LogCircuitOpened(string target, string breakDuration);

    /// <summary>The state of one run: its attempts, in order.</summary>
    private sealed class Run(HttpProbe probe, CancellationToken runToken)
    {
        public List<HttpAttempt> Attempts { get; } = [];

        public async ValueTask<HttpAttempt> AttemptAsync(CancellationToken attemptToken)
        {
            var attempt = await probe.SendOnceAsync(attemptToken, runToken);
            Attempts.Add(attempt);
            return attempt;
        }
    }
}
