using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;

namespace Monitor.Probes.Feed.Sources;

/// <summary>
/// A feed served over HTTP(S), the way Google pulls it: a data file URL, or a <c>sitemap.xml</c> whose
/// entries list the data files with their <c>lastmod</c>. A <c>marker.txt</c> beside it, when
/// present, gives the feed time. Bodies are streamed, never buffered whole.
/// </summary>
internal sealed class HttpFeedSource(HttpClient http, string? username, string? password)
{
    private const int MaxSitemapEntries = 50_000;

    public async Task<FeedSnapshot> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        var display = Display(url);
        var files = new List<FeedFile>();
        DateTimeOffset? time = null;
        string? timeSource = null;

        if (url.AbsolutePath.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            using var response = await SendAsync(HttpMethod.Get, url, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            DateTimeOffset? newest = null;
            await foreach (var (loc, lastmod) in SitemapReader.ReadAsync(body, cancellationToken))
            {
                if (files.Count == MaxSitemapEntries)
                {
                    break;
                }

                var fileUrl = new Uri(url, loc);
                files.Add(FileAt(fileUrl));
                if (lastmod is { } m && (newest is null || m > newest))
                {
                    newest = m;
                }
            }

            if (newest is not null)
            {
                (time, timeSource) = (newest, "sitemap");
            }
            else if (response.Content.Headers.LastModified is { } lm)
            {
                (time, timeSource) = (lm, "last-modified");
            }

            if (files.Count == 0)
            {
                throw new FeedSourceException("missing", $"the sitemap at {display} lists no feed files");
            }
        }
        else
        {
            using var response = await SendAsync(HttpMethod.Head, url, cancellationToken, allowMethodNotAllowed: true);
            if (response.Content.Headers.LastModified is { } lm)
            {
                (time, timeSource) = (lm, "last-modified");
            }

            files.Add(FileAt(url));
        }

        if (await ReadMarkerAsync(new Uri(url, "marker.txt"), cancellationToken) is { } marker)
        {
            (time, timeSource) = (marker, "marker");
        }

        return new FeedSnapshot(display, files, time, timeSource);
    }

    private FeedFile FileAt(Uri url) => new(Display(url), async ct =>
    {
        // Headers first, body as a stream: a gigabyte feed never sits in memory. The response
        // is released with the stream.
        var response = await SendAsync(HttpMethod.Get, url, ct, asFileRead: true);
        return Compression.Unwrap(url.AbsolutePath, await response.Content.ReadAsStreamAsync(ct));
    });

    private async Task<DateTimeOffset?> ReadMarkerAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, url);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[256];
            var n = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return MarkerTimestamp.TryParse(Encoding.UTF8.GetString(buffer, 0, n), out var t) ? t : null;
        }
        catch (HttpRequestException)
        {
            // The marker is optional; the feed request itself reports reachability.
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri url, CancellationToken cancellationToken, bool allowMethodNotAllowed = false, bool asFileRead = false)
    {
        using var request = Request(method, url);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw asFileRead ? e : new FeedSourceException("unreachable", $"{Display(url)}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw asFileRead
                ? new HttpRequestException($"{Display(url)}: timed out", e)
                : new FeedSourceException("unreachable", $"{Display(url)}: timed out", e);
        }

        if (response.IsSuccessStatusCode || (allowMethodNotAllowed && response.StatusCode == HttpStatusCode.MethodNotAllowed))
        {
            return response;
        }

        response.Dispose();
        var status = (int)response.StatusCode;
        var (reason, text) = response.StatusCode switch
        {
            HttpStatusCode.NotFound or HttpStatusCode.Gone => ("missing", "not found"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ("unauthorized", "credentials refused"),
            _ => ("unreachable", "unexpected status"),
        };
        var message = $"{Display(url)}: HTTP {status} ({text})";
        throw asFileRead ? new HttpRequestException(message, null, response.StatusCode) : new FeedSourceException(reason, message);
    }

    private HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        if (!string.IsNullOrEmpty(username))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return request;
    }

    /// <summary>The URL as reports show it: no user info, no query (signed URLs carry secrets there).</summary>
    internal static string Display(Uri url) =>
        new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.ToString();
}
