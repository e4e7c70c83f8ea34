using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>
/// Builds the probe under test: a target named <c>t</c>, adjusted per test. The default timeout is generous so that a
/// loaded machine never turns an answer into a timeout; tests about timeouts set their own.
/// </summary>
internal static class TestProbes
{
    public static HttpProbe Create(
        Uri url, Action<HttpTargetOptions>? configure = null, string? configDirectory = null, Microsoft.Extensions.Logging.ILogger<HttpProbe>? logger = null)
    {
        var target = new HttpTargetOptions { Name = "t", Url = url.ToString(), Timeout = "10s" };
        configure?.Invoke(target);
        return new HttpProbe(target, TimeProvider.System, configDirectory ?? AppContext.BaseDirectory, logger);
    }

    /// <summary>A loopback port nothing listens on: bound once to get a free number, then released.</summary>
    public static Uri ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
