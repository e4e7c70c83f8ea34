namespace Monitor.Probes.Http;

/// <summary>One JSON body check (<c>monitor:targets:http:N:expect:json:M</c>).</summary>
internal sealed class JsonCheckOptions
{
    /// <summary>Path from the root: <c>$</c>, then <c>.name</c>, <c>['name']</c> or <c>[index]</c> steps. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// The value found must equal this (<c>value: CREATED</c>): strings compare exactly, numbers by value, <c>true</c>/<c>false</c>/<c>null</c>
    /// by kind. Default: none (only <see cref="Exists"/> is checked).
    /// </summary>
    public string? Value { get; set; }

    /// <summary>Whether the path must exist (<c>true</c>) or be absent (<c>false</c>). Default <c>true</c>.</summary>
    public bool Exists { get; set; } = true;
}
