namespace Monitor.Storage;

/// <summary>
/// A blob store for the rule engine's snapshot (or any other JSON a component must keep across
/// restarts). Keys are free text; the latest value per key is kept.
/// </summary>
internal interface IAlertStateStore
{
    /// <summary>Stores <paramref name="json"/> under <paramref name="key"/>, replacing any previous value.</summary>
    void Save(string key, string json);

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    string? Load(string key);
}

/// <summary>The alert state blobs, kept in the monitor store's <c>alert_state</c> table.</summary>
internal sealed class StoreAlertStateStore(Sqlite.SqliteMonitorStore store, TimeProvider time) : IAlertStateStore
{
    public void Save(string key, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        store.SaveBlob(key, json, time.GetUtcNow());
    }

    public string? Load(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return store.LoadBlob(key);
    }
}
