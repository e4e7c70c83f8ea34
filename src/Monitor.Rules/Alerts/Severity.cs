namespace Monitor.Rules.Alerts;

/// <summary>How bad an alert is. Ordered: a higher value is worse.</summary>
public enum Severity
{
    /// <summary>Worth recording; nobody is told at once.</summary>
    Info = 0,

    /// <summary>Goes into a digest.</summary>
    Minor = 1,

    /// <summary>The technical contacts are told at once.</summary>
    Major = 2,

    /// <summary>Someone must act now.</summary>
    Critical = 3,
}
