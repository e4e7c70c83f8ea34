namespace Monitor.Probes;

/// <summary>One configured target that can be checked on demand.</summary>
internal interface IProbe
{
    /// <summary>The target name from configuration; also the signal its observations carry.</summary>
    string Name { get; }

    /// <summary>The kind of target (<c>http</c>, <c>feed</c>), used as a metric label.</summary>
    string Kind { get; }

    /// <summary>Runs the check once. Never throws for a failing target: failures are results.</summary>
    Task<ProbeResult> RunAsync(CancellationToken cancellationToken);
}
