namespace Monitor.Probes.Feed.Sources;

/// <summary>Turns a configured source (path, folder, glob or URL) into the files to validate.</summary>
internal static class FeedSources
{
    public static bool IsUrl(string source, out Uri url) =>
        Uri.TryCreate(source, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    /// <exception cref="FeedSourceException">The feed cannot be found or fetched.</exception>
    public static async Task<FeedSnapshot> ResolveAsync(
        string source, HttpClient? http, string? username, string? password, CancellationToken cancellationToken)
    {
        if (!IsUrl(source, out var url))
        {
            try
            {
                return LocalFeedSource.Resolve(source);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FeedSourceException("unreachable", $"{source}: {e.Message}", e);
            }
        }

        if (http is null)
        {
            throw new FeedSourceException("unreachable", "no HTTP client configured for URL feeds");
        }

        // Credentials in the URL itself are honoured, and dropped from everything shown.
        if (string.IsNullOrEmpty(username) && url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            username = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }

        return await new HttpFeedSource(http, username, password).ResolveAsync(url, cancellationToken);
    }
}
