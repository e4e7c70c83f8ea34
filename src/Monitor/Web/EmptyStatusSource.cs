namespace Monitor.Web;

/// <summary>The status source used until an incident store is registered: no maintenance, incidents or cases.</summary>
internal sealed class EmptyStatusSource : IStatusSource
{
    public Task<StatusExtras> GetAsync(CancellationToken cancellationToken) => Task.FromResult(StatusExtras.None);
}
