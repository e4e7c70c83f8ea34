namespace Monitor.Ingest.Parsing;

/// <summary>One request outcome as reported on one line, before Google's definitions are applied.</summary>
/// <param name="Time">When the request happened.</param>
/// <param name="Action">Index of the action in the <see cref="ActionCatalog"/>.</param>
/// <param name="Sandbox">True for sandbox traffic.</param>
/// <param name="RestaurantId">The restaurant the request was for.</param>
/// <param name="Status">The HTTP status answered; 0 when the request timed out without an answer.</param>
/// <param name="Timeout">True when the request timed out.</param>
/// <param name="ErrorType">A <c>foodOrderErrors[].error</c> or <c>rejectionInfo.type</c> value, if any.</param>
/// <param name="LatencyMs">How long the request took, in milliseconds.</param>
internal readonly record struct ParsedOutcome(
    DateTimeOffset Time,
    int Action,
    bool Sandbox,
    string RestaurantId,
    int Status,
    bool Timeout,
    string? ErrorType,
    double LatencyMs);
