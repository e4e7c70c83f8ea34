using System.Text;
using System.Text.Json;

namespace Monitor.Ingest.Parsing;

/// <summary>
/// The actions ingest accepts, looked up by their UTF-8 bytes so parsing a line allocates no string
/// for the action; each action has a fixed index for per-batch counting.
/// </summary>
internal sealed class ActionCatalog
{
    private readonly byte[][] _utf8;

    public ActionCatalog(IEnumerable<string> customActions)
    {
        Names = [.. KnownActions.Builtin, .. customActions];
        _utf8 = [.. Names.Select(Encoding.UTF8.GetBytes)];
        ProductionSignals = Names;
        SandboxSignals = [.. Names.Select(n => KnownActions.SandboxPrefix + n)];
        Fulfillment = [.. Names.Select(KnownActions.IsFulfillment)];
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> ProductionSignals { get; }

    public IReadOnlyList<string> SandboxSignals { get; }

    /// <summary>Per action: true when only HTTP 200 is a success (checkout, submit_order); else any 2xx is.</summary>
    public IReadOnlyList<bool> Fulfillment { get; }

    /// <summary>Signals in index order: production actions, then sandbox ones.</summary>
    public int SignalCount => Names.Count * 2;

    public string SignalName(int signalIndex) =>
        signalIndex < Names.Count ? ProductionSignals[signalIndex] : SandboxSignals[signalIndex - Names.Count];

    /// <summary>Finds the action of a string token; -1 when unknown.</summary>
    public int Find(ref Utf8JsonReader reader)
    {
        var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (plain ? reader.ValueSpan.SequenceEqual(_utf8[i]) : reader.ValueTextEquals(_utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
