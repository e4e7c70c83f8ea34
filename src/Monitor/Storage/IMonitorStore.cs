namespace Monitor.Storage;

/// <summary>
/// The daemon's durable state: incidents, cases, acknowledgements, maintenance, silences, the outbox and
/// the rule engine's snapshot. Engine-agnostic: SQLite is the embedded default; another engine (PostgreSQL)
/// implements the same interfaces. Every change goes through one transaction, so a message written to the
/// outbox commits or rolls back with the state change that caused it.
/// </summary>
internal interface IMonitorStore
{
    /// <summary>Where the data lives, for messages (a file path, a server name).</summary>
    string Location { get; }

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed when it returns, rolled back when it throws. Writers are serialised.</summary>
    /// <param name="work">The reads and writes.</param>
    /// <param name="cancellationToken">Cancels waiting for the write lock.</param>
    /// <param name="durable">
    /// True (default): the commit is on disk when this returns, even across a power cut. False: it survives a
    /// process crash but a power cut may lose it; for bookkeeping whose loss only repeats work (marking a message sent).
    /// </param>
    Task<T> WriteAsync<T>(Func<IStoreTransaction, T> work, CancellationToken cancellationToken = default, bool durable = true);

    /// <summary>Runs <paramref name="work"/> on a consistent read-only view.</summary>
    Task<T> ReadAsync<T>(Func<IStoreTransaction, T> work, CancellationToken cancellationToken = default);
}

/// <summary>The repositories, bound to one open transaction. Not thread-safe; valid only inside the callback.</summary>
internal interface IStoreTransaction
{
    IIncidentRepository Incidents { get; }

    ICaseRepository Cases { get; }

    IOutboxRepository Outbox { get; }

    IAcknowledgementRepository Acknowledgements { get; }

    IMaintenanceRepository Maintenance { get; }

    ISilenceRepository Silences { get; }

    ISettingsRepository Settings { get; }

    IDigestRepository Digest { get; }

    IAgentSequenceRepository AgentSequences { get; }
}

internal interface IIncidentRepository
{
    IncidentRecord? Get(long id);

    /// <summary>The open incident of a group, if any (at most one).</summary>
    IncidentRecord? FindOpen(string groupKey);

    /// <summary>The latest incident of a group that resolved at or after <paramref name="since"/>.</summary>
    IncidentRecord? FindResolvedSince(string groupKey, DateTimeOffset since);

    /// <summary>Incidents, newest first.</summary>
    IReadOnlyList<IncidentRecord> List(IncidentStatus? status, int limit);

    /// <summary>Open incidents, oldest first.</summary>
    IReadOnlyList<IncidentRecord> ListOpen();

    /// <summary>Incidents with a held notice, oldest first.</summary>
    IReadOnlyList<IncidentRecord> ListHeld();

    long Insert(IncidentRecord incident);

    void Update(IncidentRecord incident);

    IReadOnlyList<IncidentMember> Members(long incidentId);

    void UpsertMember(IncidentMember member);

    void AddEvent(IncidentEvent incidentEvent);

    IReadOnlyList<IncidentEvent> Timeline(long incidentId);
}

internal interface ICaseRepository
{
    CaseRecord? Get(long id);

    CaseRecord? ForIncident(long incidentId);

    IReadOnlyList<CaseRecord> List(int limit);

    /// <summary>Pending cases due at or before <paramref name="now"/>.</summary>
    IReadOnlyList<CaseRecord> Due(DateTimeOffset now);

    long Insert(CaseRecord record);

    void Update(CaseRecord record);
}

internal interface IOutboxRepository
{
    /// <summary>Adds a message unless one with the same idempotency key exists. Returns false when it did.</summary>
    bool Enqueue(OutboxMessage message);

    /// <summary>
    /// Pending messages available at <paramref name="now"/>, by id, skipping any message behind an
    /// earlier pending message of the same stream (so each stream goes out in order).
    /// </summary>
    IReadOnlyList<OutboxMessage> Due(DateTimeOffset now, int limit);

    void MarkSent(long id, DateTimeOffset at, int attempts);

    void Reschedule(long id, int attempts, DateTimeOffset availableAt, string error);

    void MarkFailed(long id, int attempts, string error);

    OutboxMessage? Get(long id);

    IReadOnlyList<OutboxMessage> ForIncident(long incidentId);

    int Count(OutboxStatus status);

    /// <summary>The earliest <see cref="OutboxMessage.AvailableAt"/> of a pending message.</summary>
    DateTimeOffset? NextAvailable();

    /// <summary>The <see cref="OutboxMessage.CreatedAt"/> of the oldest pending message.</summary>
    DateTimeOffset? OldestPending();
}

internal interface IAcknowledgementRepository
{
    /// <summary>Records an acknowledgement. Returns false when the nonce was already used.</summary>
    bool Add(Acknowledgement acknowledgement);

    bool NonceUsed(string nonce);

    IReadOnlyList<Acknowledgement> ForIncident(long incidentId);
}

internal interface IMaintenanceRepository
{
    long Insert(MaintenanceRecord record);

    void Update(MaintenanceRecord record);

    /// <summary>Rows (ad hoc windows and skips) that end after <paramref name="after"/>.</summary>
    IReadOnlyList<MaintenanceRecord> EndingAfter(DateTimeOffset after);

    IReadOnlyList<MaintenanceRecord> Recent(int limit);
}

internal interface ISilenceRepository
{
    long Insert(SilenceRecord record);

    void Update(SilenceRecord record);

    SilenceRecord? Get(long id);

    /// <summary>Silences that are not expired at <paramref name="now"/>.</summary>
    IReadOnlyList<SilenceRecord> Active(DateTimeOffset now);

    IReadOnlyList<SilenceRecord> Recent(int limit);
}

/// <summary>Small named values: the generated ack secret, the next digest time, the rule engine snapshot.</summary>
internal interface ISettingsRepository
{
    string? Get(string key);

    void Set(string key, string value, DateTimeOffset at);

    /// <summary>Sets the value only when the key has none; returns the value in force.</summary>
    string SetIfAbsent(string key, string value, DateTimeOffset at);

    void Delete(string key);
}

internal interface IDigestRepository
{
    void Add(long incidentId, DateTimeOffset at, string text);

    IReadOnlyList<DigestItem> Pending();

    void MarkSent(IEnumerable<long> ids, DateTimeOffset at);
}

/// <summary>
/// Per agent location, the spool the central last took results from and the highest sequence number it took, so
/// that a result resent after a restart (or to the standby) is known as a duplicate.
/// </summary>
internal interface IAgentSequenceRepository
{
    /// <summary>Every location's high-water mark.</summary>
    IReadOnlyList<AgentSequence> All();

    /// <summary>Replaces the location's high-water mark.</summary>
    void Save(AgentSequence sequence, DateTimeOffset at);
}
