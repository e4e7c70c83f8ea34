namespace Monitor.Ingest.Tail;

/// <summary>Where reading of one followed file stands: persisted so a restart resumes there.</summary>
/// <param name="Path">Full path of the followed file.</param>
/// <param name="Offset">Bytes of complete lines already recorded.</param>
/// <param name="Line">Number of lines already read (for error messages).</param>
/// <param name="PrefixLength">Identity of the file: length of the hashed prefix.</param>
/// <param name="PrefixHash">Identity of the file: hash of the prefix.</param>
internal sealed record TailPosition(string Path, long Offset, long Line, int PrefixLength, long PrefixHash)
{
    public FileIdentity Identity => new(PrefixLength, PrefixHash);
}
