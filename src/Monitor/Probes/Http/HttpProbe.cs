using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Monitor.Configuration;

namespace Monitor.Probes.Http;

/// <summary>Sends one request to a target and checks the answer against the target's expectations.</summary>
internal sealed class HttpProbe : IProbe
{
    /// <summary>Bodies are read up to this many bytes; a longer body fails with reason <c>size</c>.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly HttpTargetOptions _target;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly byte[]? _body;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan? _maxLatency;

    public HttpProbe(HttpTargetOptions target, HttpClient client, TimeProvider time, string configDirectory)
    {
        _target = target;
        _client = client;
        _time = time;
        _timeout = Duration.Parse(target.Timeout);
        _maxLatency = Duration.ParseOptional(target.Expect.MaxLatency);
        _body = target.BodyFile is not null
            ? File.ReadAllBytes(Path.Combine(configDirectory, target.BodyFile))
            : target.Body is not null ? Encoding.UTF8.GetBytes(target.Body) : null;
    }

    public string Name => _target.Name;

    public string Kind => "http";

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = BuildRequest();
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadCappedAsync(response.Content, timeout.Token);
            var latency = clock.Elapsed;
            var status = (int)response.StatusCode;
            var result = HttpAnswerCheck.Check(_target.Expect, status, body, latency, _maxLatency);
            return new ProbeResult(Name, Kind, started, latency, result.Success, result.Reason, result.Detail)
            {
                StatusCode = status,
                ErrorType = result.ErrorType,
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(started, clock.Elapsed, "timeout", $"no complete answer within {Duration.Format(_timeout)}");
        }
        catch (BodyTooLargeException)
        {
            return Failure(started, clock.Elapsed, "size", $"body longer than {MaxBodyBytes} bytes");
        }
        catch (HttpRequestException e)
        {
            var (reason, detail) = Classify(e);
            return Failure(started, clock.Elapsed, reason, detail);
        }
    }

    private HttpRequestMessage BuildRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(_target.Method.ToUpperInvariant()), _target.Url);
        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in _target.Headers)
        {
            var resolved = SecretValue.Resolve(value);
            if (!request.Headers.TryAddWithoutValidation(name, resolved))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, resolved);
            }
        }

        return request;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private ProbeResult Failure(DateTimeOffset started, TimeSpan elapsed, string reason, string detail) =>
        new(Name, Kind, started, elapsed, false, reason, detail);

    private static (string Reason, string Detail) Classify(HttpRequestException e)
    {
        if (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return ("tls", "TLS handshake failed: " + (e.InnerException?.Message ?? e.Message));
        }

        if (e.HttpRequestError == HttpRequestError.NameResolutionError
            || e.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
        {
            return ("dns", "name resolution failed: " + e.Message);
        }

        if (e.HttpRequestError == HttpRequestError.ConnectionError || e.InnerException is SocketException)
        {
            return ("connect", "connection failed: " + e.Message);
        }

        return ("protocol", "HTTP error: " + e.Message);
    }

    private sealed class BodyTooLargeException : Exception
    {
    }
}
