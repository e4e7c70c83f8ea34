namespace Monitor.Ingest.Parsing;

/// <summary>One refused line: where and why.</summary>
/// <param name="Line">1-based line number in the body or file.</param>
/// <param name="Reason">The kind of problem.</param>
/// <param name="Message">What is wrong, for a person.</param>
internal readonly record struct LineError(long Line, RejectReason Reason, string Message);
