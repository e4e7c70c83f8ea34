namespace Monitor.Configuration;

/// <summary>The folder for the database, mail drop, spools and evidence bundles (<c>monitor:dataDirectory</c>), as a full path.</summary>
internal sealed record DataDirectory(string Path)
{
    public static DataDirectory Of(MonitorOptions options) => new(System.IO.Path.GetFullPath(options.DataDirectory));
}
