namespace Monitor.Rules.Google;

/// <summary>A Google alert starting or stopping to fire at one of its once-a-minute evaluations.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="At">The evaluation time (a whole minute); the window is the 30 minutes before it.</param>
/// <param name="Firing">True when it starts firing, false when it stops.</param>
/// <param name="Samples">Requests of the alert's action in the window.</param>
/// <param name="Errors">Counted errors in the window.</param>
/// <param name="Restaurants">Distinct restaurants among the counted errors.</param>
public readonly record struct GoogleAlertChange(GoogleAlert Alert, DateTimeOffset At, bool Firing, long Samples, long Errors, int Restaurants);
