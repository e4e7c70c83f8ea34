using Monitor.Agent;
using Monitor.Alerting;
using Monitor.Ingest;
using Monitor.Ingest.Agents;
using Monitor.Incidents;
using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Calendar;
using Monitor.Incidents.Cases;
using Monitor.Incidents.Maintenance;
using Monitor.Notifications;
using Monitor.Notifications.Channels;
using Monitor.Probes.Feed;
using Monitor.Probes.Http;

namespace Monitor.Configuration;

/// <summary>The whole configuration, bound from the <c>monitor</c> section.</summary>
internal sealed class MonitorOptions
{
    public const string SectionName = "monitor";

    /// <summary>Project name shown in subjects and pages. Default <c>monitor</c>.</summary>
    public string Project { get; set; } = "monitor";

    /// <summary>Folder for the database, mail drop and evidence bundles. Default <c>data</c>, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The partner's id at Google (Actions Center partner or project id), written into every support case. Default empty.</summary>
    public string PartnerId { get; set; } = "";

    /// <summary>The database: SQLite under the data directory (default) or PostgreSQL.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Web server settings.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>Mail transport; an empty host writes <c>.eml</c> files instead.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Who is told.</summary>
    public ContactOptions Contacts { get; set; } = new();

    /// <summary>What is probed.</summary>
    public TargetsOptions Targets { get; set; } = new();

    /// <summary>Alert rules.</summary>
    public List<RuleOptions> Rules { get; set; } = [];

    /// <summary>How rules are evaluated.</summary>
    public EvaluationOptions Evaluation { get; set; } = new();

    /// <summary>Real traffic reported by the partner over HTTP or in log files.</summary>
    public IngestOptions Ingest { get; set; } = new();

    /// <summary>Grouping, routing, reminders, escalation and digests of incidents.</summary>
    public IncidentsOptions Incidents { get; set; } = new();

    /// <summary>Urgent and standard support cases.</summary>
    public CasesOptions Cases { get; set; } = new();

    /// <summary>Business hours standard cases wait for.</summary>
    public CalendarOptions Calendar { get; set; } = new();

    /// <summary>Scheduled maintenance windows and the pause reminder.</summary>
    public MaintenanceOptions Maintenance { get; set; } = new();

    /// <summary>API token and acknowledgement links.</summary>
    public ApiOptions Api { get; set; } = new();

    /// <summary>
    /// Reload the configuration when its file changes, as on SIGHUP or <c>POST /-/reload</c>. Default <c>false</c>.
    /// </summary>
    public bool ReloadOnChange { get; set; }

    /// <summary>PagerDuty, Slack and Teams, routed by <c>incidents.routes</c> like e-mail.</summary>
    public ChannelsOptions Channels { get; set; } = new();

    /// <summary>Outbox delivery: retries, backoff, circuit breakers.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>The location name of this daemon's own probes. Default <c>central</c>.</summary>
    public string Location { get; set; } = "central";

    /// <summary>Probe agents reporting to this daemon from other locations.</summary>
    public AgentsOptions Agents { get; set; } = new();

    /// <summary>Settings of <c>monitor agent</c>; the daemon ignores them.</summary>
    public AgentOptions Agent { get; set; } = new();
}

/// <summary>Web server settings (<c>monitor:web</c>).</summary>
internal sealed class WebOptions
{
    /// <summary>Listen URL. Default <c>http://127.0.0.1:9464</c>: loopback only unless changed.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:9464";

    /// <summary>The URL people reach the status page at, used in emails. Default: the listen URL.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>SMTP settings (<c>monitor:smtp</c>).</summary>
internal sealed class SmtpOptions
{
    /// <summary>SMTP host. Default empty: messages are written as <c>.eml</c> files under <c>&lt;dataDirectory&gt;/mail</c>.</summary>
    public string Host { get; set; } = "";

    /// <summary>SMTP port. Default 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary><c>none</c>, <c>starttls</c> (default) or <c>tls</c>.</summary>
    public string Security { get; set; } = "starttls";

    /// <summary>User name for AUTH; empty for none.</summary>
    public string Username { get; set; } = "";

    /// <summary>Password for AUTH. A secret: never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>Sender address. Default <c>monitor@localhost</c>.</summary>
    public string From { get; set; } = "monitor@localhost";

    /// <summary>Per-attempt timeout. Default <c>30s</c>.</summary>
    public string Timeout { get; set; } = "30s";
}

/// <summary>Contacts (<c>monitor:contacts</c>).</summary>
internal sealed class ContactOptions
{
    /// <summary>Told at once about urgent incidents.</summary>
    public List<string> Emergency { get; set; } = [];

    /// <summary>Told about every other incident.</summary>
    public List<string> Technical { get; set; } = [];
}

/// <summary>Probe targets (<c>monitor:targets</c>).</summary>
internal sealed class TargetsOptions
{
    public List<HttpTargetOptions> Http { get; set; } = [];

    public List<FeedTargetOptions> Feeds { get; set; } = [];
}

/// <summary>Rule evaluation (<c>monitor:evaluation</c>).</summary>
internal sealed class EvaluationOptions
{
    /// <summary>How often every rule is evaluated. Default <c>5s</c>.</summary>
    public string Interval { get; set; } = "5s";

    /// <summary>Bucket width of the sliding windows. Default <c>1s</c>.</summary>
    public string Resolution { get; set; } = "1s";
}
