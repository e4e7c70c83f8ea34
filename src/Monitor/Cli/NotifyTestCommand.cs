using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Incidents.Messages;
using Monitor.Notifications.Channels;
using Monitor.Notifications.Outbox;
using Channels = Monitor.Notifications.Outbox.Channels;

namespace Monitor.Cli;

/// <summary><c>monitor notify-test</c>: sends a test message through every configured channel now and reports each outcome.</summary>
internal static class NotifyTestCommand
{
    public static Command Create()
    {
        var command = new Command("notify-test", "Send a test message through every configured channel (e-mail to every contact and the support address, the case webhook, PagerDuty, Slack, Teams) and report each outcome; exit 1 if any failed.");
        StoreAction.Set(command, async (result, config, services, cancellationToken) =>
        {
            var options = config.Options;
            var redactor = services.GetRequiredService<SecretRedactor>();
            var output = result.InvocationConfiguration.Output;
            var now = TimeProvider.System.GetUtcNow();
            var stamp = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var failed = 0;

            var email = services.GetRequiredService<EmailChannel>();
            var groups = new List<(string Name, IReadOnlyList<string> To)>
            {
                ("emergency contacts", options.Contacts.Emergency),
                ("technical contacts", options.Contacts.Technical),
                ("escalation contacts", options.Incidents.Escalation.Contacts),
            };
            if (!string.IsNullOrWhiteSpace(options.Cases.SupportEmail))
            {
                groups.Add(("support address", [options.Cases.SupportEmail]));
            }

            foreach (var (name, to) in groups.Where(g => g.To.Count > 0))
            {
                var text = $"Test message from monitor ({options.Project}) at {now:u} to the {name}.\n\nIf you read this, e-mail from monitor reaches you.\n";
                var payload = new EmailPayload([.. to], $"[TEST] {options.Project}: test message to the {name}", text,
                    "<!DOCTYPE html><html><body><p>" + System.Net.WebUtility.HtmlEncode(text) + "</p></body></html>",
                    $"test.{stamp}.{name.Replace(' ', '-')}@monitor.{options.Project.ToLowerInvariant()}", null, [], new Dictionary<string, string> { ["X-Monitor-Test"] = "1" });
                failed += await Report(output, $"email to {name} ({string.Join(", ", to)}) via {email.Describe()}", redactor,
                    () => email.SendAsync(payload, now, cancellationToken));
            }

            var webhook = services.GetRequiredService<WebhookChannel>();
            if (webhook.Configured)
            {
                var body = PayloadJson.Serialize(new WebhookTestBody(true, options.Project, now, "Test message from monitor"), NotifyTestJson.Default.WebhookTestBody);
                failed += await Report(output, webhook.Describe(), redactor, () => webhook.PostAsync(body, $"test.{stamp}", cancellationToken));
            }
            else
            {
                output.WriteLine("webhook: not configured (monitor:cases:webhook:url), skipped");
            }

            var payloads = services.GetRequiredService<ChannelPayloads>();
            var configured = options.Channels.Configured();
            foreach (var channel in services.GetServices<IDeliveryChannel>().Where(c => Channels.Routable.Contains(c.Name)))
            {
                if (!configured.Contains(channel.Name))
                {
                    output.WriteLine($"{channel.Name}: not configured (monitor:channels:{channel.Name}), skipped");
                    continue;
                }

                Func<string, Task> post = channel switch
                {
                    PagerDutyChannel pagerDuty => body => pagerDuty.PostAsync(body, cancellationToken),
                    ChatWebhookChannel chat => body => chat.PostAsync(body, cancellationToken),
                    _ => _ => Task.CompletedTask,
                };
                failed += await Report(output, channel.Describe(), redactor, async () =>
                {
                    foreach (var body in payloads.Test(channel.Name, now))
                    {
                        await post(body);
                    }
                });
            }

            output.WriteLine(failed == 0 ? "every channel works" : $"{failed} channel{(failed == 1 ? "" : "s")} failed");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static async Task<int> Report(TextWriter output, string what, SecretRedactor redactor, Func<Task> send)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await send();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OK      {what} ({clock.ElapsedMilliseconds} ms)"));
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.WriteLine($"FAILED  {what}: {redactor.Redact(e.GetType().Name + ": " + e.Message)}");
            return 1;
        }
    }
}

/// <summary>The body of the webhook's test message.</summary>
internal sealed record WebhookTestBody(bool Test, string Project, DateTimeOffset At, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookTestBody))]
internal sealed partial class NotifyTestJson : JsonSerializerContext;
