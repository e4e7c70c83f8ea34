using System.Globalization;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Alerting;

/// <summary>
/// Turns <see cref="RuleOptions"/> from the configuration into rules for the engine, reporting every
/// problem with its configuration path (for example <c>monitor:rules:2:window: '5x' is not a duration</c>).
/// </summary>
internal static class RuleFactory
{
    public const string DefaultPath = "monitor:rules";

    /// <summary>Maps all rules; the result holds the rules that had no problem, <paramref name="errors"/> the problems.</summary>
    public static IReadOnlyList<AlertRule> Create(IReadOnlyList<RuleOptions> options, ICollection<string> errors, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var rules = new List<AlertRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var at = Invariant($"{path}:{i}");
            // The name is checked first, so that a duplicate is reported beside the rule's other problems.
            var duplicate = !string.IsNullOrEmpty(options[i].Name) && !names.Add(options[i].Name);
            if (duplicate)
            {
                errors.Add($"{at}:name: '{options[i].Name}' is used by an earlier rule");
            }

            if (Create(options[i], at, errors) is not { } rule || duplicate)
            {
                continue;
            }

            // A preset without a name of its own is named after the preset.
            if (string.IsNullOrEmpty(options[i].Name) && !names.Add(rule.Name))
            {
                errors.Add($"{at}:name: '{rule.Name}' is used by an earlier rule");
                continue;
            }

            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>Maps one rule found at <paramref name="path"/>; null when it has a problem (reported in <paramref name="errors"/>).</summary>
    public static AlertRule? Create(RuleOptions options, string path, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new RuleOptionsReader(path, errors);
        var noData = NoData(options, reader);
        if (!string.IsNullOrWhiteSpace(options.Preset))
        {
            return FromPreset(options, reader) is { } preset ? preset with { NoData = noData } : null;
        }

        var name = reader.Required("name", options.Name);
        var signal = reader.Required("signal", options.Signal);
        var severity = reader.Severity(options.Severity);
        var category = reader.Category(options.Category);
        var forDuration = reader.Duration("for", options.For, allowZero: true);
        var keep = reader.Duration("keepFiringFor", options.KeepFiringFor, allowZero: true);
        var condition = RuleConditionReader.Read(options, reader);
        var quorum = Quorum(options, reader);
        return reader.Failed || condition is null
            ? null
            : new AlertRule(name, signal, condition, severity, category, forDuration, keep) { Quorum = quorum, NoData = noData };
    }

    private static NoDataPolicy NoData(RuleOptions options, RuleOptionsReader reader)
    {
        switch ((options.NoData ?? "keep").Trim().ToLowerInvariant())
        {
            case "keep" or "":
                return NoDataPolicy.Keep;
            case "resolve":
                return NoDataPolicy.Resolve;
            default:
                reader.Error("noData", $"'{options.NoData}' is not keep or resolve");
                return NoDataPolicy.Keep;
        }
    }

    /// <summary>The time a silent location becomes stale, until the daemon sets <c>monitor:agents:staleAfter</c>.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(2);

    private static Rules.Locations.LocationQuorum? Quorum(RuleOptions options, RuleOptionsReader reader)
    {
        if (options.MinLocations is null && options.LocationShare is null)
        {
            return null;
        }

        if (options.MinLocations is < 1)
        {
            reader.Error("minLocations", Invariant($"{options.MinLocations} is not at least 1"));
        }

        if (options.LocationShare is { } share && (double.IsNaN(share) || share <= 0 || share > 1))
        {
            reader.Error("locationShare", Invariant($"{share} is not in (0, 1]"));
        }

        if (SignalPattern.IsPattern(options.Signal))
        {
            reader.Error("signal", "a quorum rule reads one probe target, not a pattern");
        }

        return new Rules.Locations.LocationQuorum(options.MinLocations, options.LocationShare, DefaultStaleAfter);
    }

    private static AlertRule? FromPreset(RuleOptions options, RuleOptionsReader reader)
    {
        if (RulePresets.Create(options.Preset!, string.IsNullOrWhiteSpace(options.Signal) ? null : options.Signal) is not { } preset)
        {
            reader.Error("preset", $"'{options.Preset}' is not one of {string.Join(", ", RulePresets.Names)}");
            return null;
        }

        return string.IsNullOrWhiteSpace(options.Name) ? preset : preset with { Name = options.Name };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads and checks option values of one rule, collecting each problem with its path.</summary>
    private sealed class RuleOptionsReader(string path, ICollection<string> errors)
    {
        public bool Failed { get; private set; }

        public void Error(string key, string message)
        {
            Failed = true;
            errors.Add($"{path}:{key}: {message}");
        }

        public string Required(string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(key, "is required");
                return "";
            }

            return value;
        }

        public TimeSpan Duration(string key, string? value, bool allowZero = false)
        {
            if (!Durations.TryParse(value, out var span))
            {
                Error(key, $"'{value}' is not a duration");
            }
            else if (!allowZero && span <= TimeSpan.Zero)
            {
                Error(key, $"'{value}' must be longer than zero");
            }

            return span;
        }

        public double Share(string key, double value, bool allowZero = true, bool allowOne = true)
        {
            if (double.IsNaN(value) || value < 0 || value > 1 || (!allowZero && value == 0) || (!allowOne && value == 1))
            {
                Error(key, $"{value} must be {(allowZero ? "at least 0" : "above 0")} and {(allowOne ? "at most 1" : "below 1")}");
            }

            return value;
        }

        public long AtLeastZero(string key, long value)
        {
            if (value < 0)
            {
                Error(key, $"{value} must not be negative");
            }

            return value;
        }

        public double Positive(string key, double value)
        {
            if (double.IsNaN(value) || value <= 0)
            {
                Error(key, $"{value} must be above 0");
            }

            return value;
        }

        public Severity Severity(string? value)
        {
            if (AlertClassification.TryParseSeverity(value, out var severity))
            {
                return severity.Value;
            }

            Error("severity", $"'{value}' is not one of {string.Join(", ", AlertClassification.SeverityValues)}");
            return default;
        }

        public AlertCategory Category(string? value)
        {
            if (AlertClassification.TryParseCategory(value, out var category))
            {
                return category.Value;
            }

            Error("category", $"'{value}' is not one of {string.Join(", ", AlertClassification.CategoryValues)}");
            return default;
        }

        public T Choice<T>(string key, string? value, params (string Name, T Value)[] choices)
        {
            foreach (var (name, choice) in choices)
            {
                if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
                {
                    return choice;
                }
            }

            Error(key, $"'{value}' is not one of {string.Join(", ", choices.Select(c => c.Name))}");
            return choices[0].Value;
        }
    }

    /// <summary>The config name of a condition's kind (<c>error-ratio</c>, <c>burn-rate</c>...), as <c>kind:</c> takes it.</summary>
    public static string KindOf(RuleCondition condition) => condition switch
    {
        ErrorRatioCondition => "error-ratio",
        BurnRateCondition => "burn-rate",
        SpikeCondition => "spike",
        LatencyQuantileCondition => "latency",
        FreshnessCondition => "freshness",
        CountDropCondition => "count-drop",
        AbsenceCondition => "absence",
        GaugeLimitCondition => "gauge",
        _ => condition.GetType().Name,
    };

    /// <summary>Builds the condition of a rule from the settings its kind reads.</summary>
    private static class RuleConditionReader
    {
        public static IReadOnlyList<string> Kinds { get; } =
            ["error-ratio", "burn-rate", "spike", "latency", "freshness", "count-drop", "absence", "gauge"];

        private static ErrorClass ErrorClassOf(RuleOptions o, RuleOptionsReader r) => r.Choice("errorClass", o.ErrorClass,
            ("any", ErrorClass.Any), ("infrastructure", ErrorClass.Infrastructure), ("business", ErrorClass.Business));

        public static RuleCondition? Read(RuleOptions o, RuleOptionsReader r)
        {
            IReadOnlyList<string>? include = o.IncludeErrorTypes.Count > 0 ? o.IncludeErrorTypes : null;
            IReadOnlyList<string>? exclude = o.ExcludeErrorTypes.Count > 0 ? o.ExcludeErrorTypes : null;
            if (include is not null && exclude is not null)
            {
                r.Error("excludeErrorTypes", "cannot be combined with includeErrorTypes");
            }

            switch (o.Kind?.ToLowerInvariant())
            {
                case "error-ratio":
                    return new ErrorRatioCondition(
                        r.Duration("window", o.Window), r.Share("threshold", o.Threshold), r.AtLeastZero("minSamples", o.MinSamples),
                        r.AtLeastZero("minErrors", o.MinErrors), (int)r.AtLeastZero("minDistinctRestaurants", o.MinDistinctRestaurants),
                        include, exclude, ErrorClassOf(o, r));
                case "burn-rate":
                    return new BurnRateCondition(
                        r.Share("objective", o.Objective, allowZero: false, allowOne: false),
                        r.Choice("burn", o.Burn, ("page", BurnRateCondition.PageWindows), ("ticket", BurnRateCondition.TicketWindows)),
                        r.AtLeastZero("minSamples", o.MinSamples), include, exclude, ErrorClassOf(o, r));
                case "spike":
                    return new SpikeCondition(
                        r.Duration("window", o.Window), r.Duration("baselineWindow", o.BaselineWindow), r.Positive("factor", o.Factor),
                        r.Share("minDelta", o.MinDelta), r.AtLeastZero("minSamples", o.MinSamples), include, exclude, ErrorClassOf(o, r));
                case "latency":
                    return new LatencyQuantileCondition(
                        r.Duration("window", o.Window), r.Share("quantile", o.Quantile, allowZero: false), r.Duration("limit", o.Limit),
                        r.AtLeastZero("minSamples", o.MinSamples));
                case "freshness":
                    return new FreshnessCondition(
                        r.Duration("maxAge", o.MaxAge),
                        r.Choice("source", o.Source, ("last-success", FreshnessSource.LastSuccess), ("gauge-timestamp", FreshnessSource.GaugeTimestamp)));
                case "count-drop":
                    var against = r.Choice("against", o.Against, ("previous", CountDropReference.Previous), ("baseline", CountDropReference.Baseline));
                    return new CountDropCondition(
                        r.Share("dropShare", o.DropShare, allowZero: false), against,
                        against == CountDropReference.Baseline ? r.Duration("baselineWindow", o.BaselineWindow) : TimeSpan.Zero);
                case "absence":
                    return new AbsenceCondition(
                        r.Duration("window", o.Window), r.Duration("baselineWindow", o.BaselineWindow), r.Share("minShare", o.MinShare),
                        r.AtLeastZero("minBaselineSamples", o.MinBaselineSamples));
                case "gauge":
                    if (o.Below is null == o.Above is null)
                    {
                        r.Error("below", "a gauge rule needs exactly one of below and above");
                        return null;
                    }

                    return new GaugeLimitCondition(o.Below ?? o.Above!.Value, Below: o.Below is not null, Unit: o.Unit);
                default:
                    r.Error("kind", $"'{o.Kind}' is not one of {string.Join(", ", Kinds)}");
                    return null;
            }
        }
    }
}
