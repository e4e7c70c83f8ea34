using System.Diagnostics.CodeAnalysis;

namespace Monitor.Probes;

/// <summary>
/// Every configured probe, by target name. A reload swaps in a new set at once: readers see the old set or the
/// new one, never a mix. A probe taken out by a reload is disposed when its last run in progress ends.
/// </summary>
internal sealed class ProbeCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IProbe, int> _running = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IProbe> _retired = new(ReferenceEqualityComparer.Instance);
    private volatile Dictionary<string, IProbe> _probes;

    public ProbeCatalog(IEnumerable<IProbe> probes)
    {
        _probes = probes.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public ProbeCatalog(ProbeFactory factory, Configuration.TargetsOptions targets)
        : this(factory.CreateAll(targets))
    {
    }

    public IReadOnlyCollection<IProbe> All => _probes.Values;

    public bool TryGet(string name, [NotNullWhen(true)] out IProbe? probe) => _probes.TryGetValue(name, out probe);

    /// <summary>Takes a target's probe for one run; dispose the lease when the run ends.</summary>
    public bool TryLease(string name, out ProbeLease lease)
    {
        lock (_gate)
        {
            if (!_probes.TryGetValue(name, out var probe))
            {
                lease = default;
                return false;
            }

            _running[probe] = _running.GetValueOrDefault(probe) + 1;
            lease = new ProbeLease(this, probe);
            return true;
        }
    }

    /// <summary>Removes the probes named in <paramref name="removed"/> and adds or replaces those in <paramref name="added"/>.</summary>
    public void Replace(IReadOnlyCollection<string> removed, IReadOnlyCollection<IProbe> added)
    {
        var idle = new List<IDisposable>();
        lock (_gate)
        {
            var next = new Dictionary<string, IProbe>(_probes, StringComparer.Ordinal);
            foreach (var name in removed.Concat(added.Select(p => p.Name)))
            {
                if (next.Remove(name, out var old))
                {
                    if (_running.ContainsKey(old))
                    {
                        _retired.Add(old);
                    }
                    else if (old is IDisposable d)
                    {
                        idle.Add(d);
                    }
                }
            }

            foreach (var probe in added)
            {
                next[probe.Name] = probe;
            }

            _probes = next;
        }

        foreach (var probe in idle)
        {
            probe.Dispose();
        }
    }

    private void Return(IProbe probe)
    {
        lock (_gate)
        {
            var left = _running[probe] - 1;
            if (left > 0)
            {
                _running[probe] = left;
                return;
            }

            _running.Remove(probe);
            if (!_retired.Remove(probe))
            {
                return;
            }
        }

        (probe as IDisposable)?.Dispose();
    }

    /// <summary>One run's hold on a probe.</summary>
    internal readonly struct ProbeLease(ProbeCatalog catalog, IProbe probe) : IDisposable
    {
        public IProbe Probe => probe;

        public void Dispose() => catalog?.Return(probe);
    }
}
