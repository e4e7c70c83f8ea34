using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Rules.State;
using Monitor.Storage;

namespace Monitor.Alerting;

/// <summary>
/// Keeps the rule engine's state (alert states and window contents) in the store, so that a restart
/// resumes where it stopped: a firing alert stays firing without a second firing transition, and the
/// windows keep their history. Saved after every evaluation that changed an alert, at least every
/// <see cref="SaveInterval"/>, and when the daemon stops.
/// </summary>
internal sealed partial class AlertEvaluator
{
    public const string StateKey = "rule-engine";

    /// <summary>The longest time between two saves of the window contents.</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(30);

    private readonly IAlertStateStore? _stateStore;
    private DateTimeOffset _lastSave;

    /// <summary>Writes the engine's state to the store now.</summary>
    public void SaveState()
    {
        if (_stateStore is null)
        {
            return;
        }

        EngineSnapshot snapshot;
        lock (_gate)
        {
            snapshot = _engine.ExportState();
        }

        try
        {
            _stateStore.Save(StateKey, JsonSerializer.Serialize(snapshot, RuleStateJson.Default.EngineSnapshot));
            _lastSave = _time.GetUtcNow();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            LogStateNotSaved(e);
        }
    }

    private void SaveStateIfDue(DateTimeOffset now, bool changed)
    {
        if (changed || now - _lastSave >= SaveInterval || now < _lastSave)
        {
            SaveState();
        }
    }

    private void RestoreState()
    {
        _lastSave = _time.GetUtcNow();
        var json = _stateStore?.Load(StateKey);
        if (json is null)
        {
            return;
        }

        try
        {
            var snapshot = JsonSerializer.Deserialize(json, RuleStateJson.Default.EngineSnapshot);
            if (snapshot is not null)
            {
                LogStateRestored(_engine.ImportState(snapshot), snapshot.Series.Count);
            }
        }
        catch (JsonException e)
        {
            LogStateUnreadable(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule state restored: {Alerts} active alerts, {Series} series")]
    private partial void LogStateRestored(int alerts, int series);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved rule state is unreadable; starting with empty windows")]
    private partial void LogStateUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule state could not be saved; it is retried at the next evaluation")]
    private partial void LogStateNotSaved(Exception exception);
}

/// <summary>The rule state as JSON: web defaults, with the window buckets run-length encoded.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(RunLengthLongArrayConverter)])]
[JsonSerializable(typeof(EngineSnapshot))]
internal sealed partial class RuleStateJson : JsonSerializerContext;
