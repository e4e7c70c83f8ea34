using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Incidents.Lifecycle;
using Monitor.Metrics;
using Monitor.Probes;

namespace Monitor.Hosting.Reload;

/// <summary>The result of one reload: the plan it applied, or the problems that refused the new config.</summary>
internal sealed record ReloadOutcome(bool Success, IReadOnlyList<ConfigError> Errors, ReloadPlan? Plan);

/// <summary>
/// Reloads the config file (on SIGHUP, <c>POST /-/reload</c> or a change to the file): the new file goes through the
/// checks of <c>check-config</c>; a bad one is refused with every problem logged and the running config stays. A good
/// one puts its targets, rules, contacts and incident settings (routes, problems, inhibition, timers) in force; other
/// sections that changed are logged and kept until a restart.
/// One reload runs at a time.
/// </summary>
internal sealed partial class ConfigReloader
{
    private const string InhibitSetting = MonitorOptions.SectionName + ":incidents:inhibit";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ProbeUpdater _probes;
    private readonly AlertEvaluator _evaluator;
    private readonly IncidentSettings _incidents;
    private readonly AlertIntake _intake;
    private readonly MonitorMetrics _metrics;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigReloader> _logger;

    public ConfigReloader(
        LoadedConfig config, ProbeUpdater probes, AlertEvaluator evaluator, IncidentSettings incidents, AlertIntake intake, MonitorMetrics metrics,
        SecretRedactor redactor, TimeProvider time, ILogger<ConfigReloader> logger)
    {
        Current = config;
        _probes = probes;
        _evaluator = evaluator;
        _incidents = incidents;
        _intake = intake;
        _metrics = metrics;
        _redactor = redactor;
        _time = time;
        _logger = logger;
        _metrics.ConfigLastReloadSuccessful.Set(1);
        _metrics.ConfigLastReloadSuccessTimestamp.Set(UnixSeconds());
    }

    /// <summary>The config in force: the one loaded at start, or the last one a reload accepted.</summary>
    public LoadedConfig Current { get; private set; }

    public async Task<ReloadOutcome> ReloadAsync(string trigger, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            LogReloading(trigger, Current.ConfigPath);
            LoadedConfig next;
            try
            {
                next = ConfigLoader.Load(Current.ConfigPath, Current.Overrides);
            }
            catch (ConfigurationException e)
            {
                LogRefused(Current.ConfigPath, e.Errors.Count);
                foreach (var error in e.Errors)
                {
                    LogProblem(error.Path, error.Message);
                }

                _metrics.ConfigLastReloadSuccessful.Set(0);
                return new ReloadOutcome(false, e.Errors, null);
            }

            var plan = ReloadPlan.Compare(Current.Options, next.Options);
            foreach (var section in plan.KeptSections)
            {
                LogKept(section);
            }

            // Before any new probe runs: its first failure may already quote a new header value.
            _redactor.Learn(ConfiguredSecrets.Of(next.Options));
            // The sections a running daemon cannot change stay as they were: the config in force is the old one with
            // the new targets, rules, contacts and incident settings. The incidents see them before the new rules are
            // first evaluated, so an alert of a new target joins the problem its surface names.
            ReloadPlan.PutInForce(Current.Options, next.Options);
            _incidents.Reload(Current.Options);
            if (plan.ChangedSettings.Contains(InhibitSetting))
            {
                await RejudgeInhibitionAsync(cancellationToken);
            }

            await ApplyAsync(plan, next.Options, cancellationToken);
            _metrics.ConfigLastReloadSuccessful.Set(1);
            _metrics.ConfigLastReloadSuccessTimestamp.Set(UnixSeconds());
            LogReloaded(plan.Describe());
            return new ReloadOutcome(true, [], plan);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(ReloadPlan plan, MonitorOptions next, CancellationToken cancellationToken)
    {
        if (plan.ChangesTargets)
        {
            await _probes.ApplyAsync(next.Targets, plan.RemovedTargets, [.. plan.AddedTargets, .. plan.ChangedTargets], cancellationToken);
            foreach (var name in plan.RemovedTargets)
            {
                _metrics.ForgetTarget(name);
            }
        }

        if (plan.ChangesRules)
        {
            // The config passed every check, so the mapping cannot fail.
            var rules = RuleFactory.Create(next.Rules, new List<string>());
            await _evaluator.ReplaceRulesAsync(rules, cancellationToken);
            await _evaluator.EvaluateAsync(cancellationToken);
        }
    }

    private async Task RejudgeInhibitionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _intake.RejudgeInhibitionAsync(_time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store is unreachable: the next alert that fires or resolves judges inhibition again.
            LogRejudgeFailed(e.Message);
        }
    }

    private double UnixSeconds() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inhibition rules changed, but the open incidents could not be judged again now ({Reason}); the next alert that fires or resolves judges them")]
    private partial void LogRejudgeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloading the configuration {Path} ({Trigger})")]
    private partial void LogReloading(string trigger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration reloaded: {Changes}")]
    private partial void LogReloaded(string changes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration {Path} refused ({Count} problems); the running configuration stays in force")]
    private partial void LogRefused(string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "  {ConfigPath}: {Problem}")]
    private partial void LogProblem(string configPath, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section} changed, but cannot change while the daemon runs: the running value stays until a restart")]
    private partial void LogKept(string section);
}
