namespace Monitor.Ingest.Parsing;

/// <summary>Why a line was refused; also the bounded label of <c>monitor_ingest_rejected_lines_total</c>.</summary>
internal enum RejectReason
{
    /// <summary>Not a JSON object.</summary>
    Json,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong type or an impossible value.</summary>
    BadField,

    /// <summary>The action is neither built in nor configured.</summary>
    UnknownAction,

    /// <summary>The line is longer than a tailed file allows.</summary>
    TooLong,
}

internal static class RejectReasonNames
{
    public static string ToLabel(this RejectReason reason) => reason switch
    {
        RejectReason.Json => "json",
        RejectReason.MissingField => "missing_field",
        RejectReason.BadField => "bad_field",
        RejectReason.UnknownAction => "unknown_action",
        _ => "too_long",
    };
}
