namespace Monitor.Rules.Windows;

/// <summary>Collects what the rules reading a series need, then builds its <see cref="SeriesLayout"/>.</summary>
internal sealed class SeriesLayoutBuilder(long resolutionTicks)
{
    private readonly Dictionary<long, long> _spanByWidth = [];
    private readonly List<ErrorFilter> _filters = [ErrorFilter.All];
    private bool _latency;
    private long _gaugeSpan;
    private long _horizon;

    public long ResolutionTicks => resolutionTicks;

    /// <summary>A window of <paramref name="length"/> ending <paramref name="offset"/> before the evaluation time.</summary>
    public void Window(TimeSpan length, TimeSpan offset = default)
    {
        var width = WindowWidths.For(length, resolutionTicks);
        var span = length.Ticks + offset.Ticks;
        _spanByWidth[width] = Math.Max(span, _spanByWidth.GetValueOrDefault(width));
        _horizon = Math.Max(_horizon, span);
    }

    public void Filter(ErrorFilter filter)
    {
        if (!_filters.Exists(f => f.Key == filter.Key))
        {
            _filters.Add(filter);
        }
    }

    public void Latency() => _latency = true;

    public void Gauge(TimeSpan lookback)
    {
        _gaugeSpan = Math.Max(_gaugeSpan, lookback.Ticks);
        _horizon = Math.Max(_horizon, lookback.Ticks);
    }

    public SeriesLayout Build()
    {
        var rings = _spanByWidth.OrderBy(p => p.Key)
            .Select(p => (p.Key, (int)((p.Value + p.Key - 1) / p.Key) + 1))
            .ToList();
        var gaugeWidth = WindowWidths.For(TimeSpan.FromTicks(_gaugeSpan), resolutionTicks);
        var gauge = _gaugeSpan == 0 ? (0L, 0) : (gaugeWidth, (int)((_gaugeSpan + gaugeWidth - 1) / gaugeWidth) + 1);
        return new SeriesLayout(resolutionTicks, rings, _filters, _latency, gauge, Math.Max(_horizon, resolutionTicks));
    }
}
