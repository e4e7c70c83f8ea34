using Monitor.Configuration;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;

namespace Monitor.Probes;

/// <summary>Builds the probe of one configured target, at start and when a reloaded config adds or changes one.</summary>
internal sealed class ProbeFactory(LoadedConfig config, IHttpClientFactory clients, SecretRedactor redactor, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The name of the HTTP client feed downloads share.</summary>
    public const string FeedClient = "feeds";

    /// <summary>Every probe of <paramref name="targets"/>, HTTP targets first, in config order.</summary>
    public IEnumerable<IProbe> CreateAll(TargetsOptions targets) =>
        targets.Http.Select(Create).Concat(targets.Feeds.Select(Create));

    public IProbe Create(HttpTargetOptions target) =>
        new HttpProbe(target, time, config.ConfigDirectory, loggers.CreateLogger<HttpProbe>(), redactor);

    public IProbe Create(FeedTargetOptions feed) =>
        new FeedProbe(feed, clients.CreateClient(FeedClient), time, loggers.CreateLogger<FeedProbe>(), Path.Combine(config.Options.DataDirectory, "feeds"));
}
