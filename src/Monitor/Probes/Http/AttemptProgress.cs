namespace Monitor.Probes.Http;

/// <summary>How far an attempt got, so that a timeout can say where it stalled.</summary>
internal sealed class AttemptProgress
{
    public bool HeadersReceived { get; set; }

    public long BodyBytes { get; set; }

    public string Describe() => !HeadersReceived
        ? "no answer headers"
        : BodyBytes == 0 ? "headers but no body bytes" : $"stalled after {BodyBytes} body bytes";
}
