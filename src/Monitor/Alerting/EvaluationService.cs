using Monitor.Configuration;

namespace Monitor.Alerting;

/// <summary>Evaluates the rules at a fixed interval, so that time-based transitions (windows emptying, <c>for</c> elapsing) happen without new observations.</summary>
internal sealed partial class EvaluationService(AlertEvaluator evaluator, EvaluationOptions options, TimeProvider time, ILogger<EvaluationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Duration.Parse(options.Interval), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await evaluator.EvaluateAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogEvaluationFailed(e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        evaluator.SaveState();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule evaluation failed; it is retried at the next interval")]
    private partial void LogEvaluationFailed(Exception exception);
}
