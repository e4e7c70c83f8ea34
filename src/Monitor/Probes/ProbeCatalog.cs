namespace Monitor.Probes;

/// <summary>Every configured probe, by target name.</summary>
internal sealed class ProbeCatalog(IEnumerable<IProbe> probes)
{
    private readonly Dictionary<string, IProbe> _probes = probes.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IProbe> All => _probes.Values;

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IProbe? probe) =>
        _probes.TryGetValue(name, out probe);
}
