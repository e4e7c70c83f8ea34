using System.Data.Common;

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

/// <summary>The monitor store's <c>alert_state</c> table: one JSON value per key, written outside the repositories' transactions.</summary>
internal interface IStateBlobStore
{
    /// <summary>Stores <paramref name="json"/> under <paramref name="key"/> (a write that may be lost in a power cut, not in a crash).</summary>
    void SaveBlob(string key, string json, DateTimeOffset at);

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    string? LoadBlob(string key);
}

/// <summary>
/// The alert state blobs, kept in the monitor store's <c>alert_state</c> table. A database error (a
/// PostgreSQL server that is down) surfaces as <see cref="InvalidOperationException"/>, which the rule
/// engine treats as "not saved this time" whatever the engine.
/// </summary>
internal sealed class StoreAlertStateStore(IStateBlobStore store, TimeProvider time) : IAlertStateStore
{
    public void Save(string key, string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            store.SaveBlob(key, json, time.GetUtcNow());
        }
        catch (DbException e)
        {
            throw new InvalidOperationException("The alert state was not saved: " + e.Message, e);
        }
    }

    public string? Load(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return store.LoadBlob(key);
    }
}
