namespace Lustrac.Energy.Server.Alerts;

/// <summary>Bound from the "Alerts" configuration section; every default is usable as is.</summary>
public sealed class AlertSettings
{
    /// <summary>false: no rule is evaluated and nothing is sent (the API lists nothing).</summary>
    public bool Enabled { get; set; } = true;

    public int EvaluateSeconds { get; set; } = 60;

    /// <summary>An open alert is sent again this often while its cause lasts.</summary>
    public double ReminderHours { get; set; } = 12;

    /// <summary>A device (or every device of a gateway) without a stored reading for longer than this is silent.</summary>
    public double SilentMinutes { get; set; } = 15;

    /// <summary>Readings stored this long after they were read mean a gateway is draining a backlog it could not send.</summary>
    public double BacklogMinutes { get; set; } = 30;

    /// <summary>A tank with fewer days of water left at the last day's draw raises an alert.</summary>
    public double TankDaysLeft { get; set; } = 3;

    /// <summary>The month is behind when its self-sufficiency so far is below the site's target minus this margin.</summary>
    public double MonthMargin { get; set; }

    /// <summary>The month is judged only once this many of its days have figures (its first days say little).</summary>
    public int MonthMinimumDays { get; set; } = 3;

    /// <summary>JSON POST of each notice; empty = no webhook.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Retained list of open alerts on lustrac/v1/{site}/alerts.</summary>
    public bool PublishMqtt { get; set; } = true;

    public SmtpSettings Smtp { get; set; } = new();

    public int RecentKept { get; set; } = 100;

    public TimeSpan ReminderEvery => TimeSpan.FromHours(ReminderHours);

    /// <summary>Every problem, each naming its setting and what to put there.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (EvaluateSeconds is < 1 or > 3600) problems.Add($"Alerts:EvaluateSeconds is {EvaluateSeconds}; use 1 to 3600 (default 60).");
        if (ReminderHours is <= 0 or > 24 * 30) problems.Add($"Alerts:ReminderHours is {ReminderHours}; use more than 0 and at most 720 (default 12).");
        if (SilentMinutes <= 0) problems.Add($"Alerts:SilentMinutes is {SilentMinutes}; use a number of minutes above 0 (default 15).");
        if (BacklogMinutes <= 0) problems.Add($"Alerts:BacklogMinutes is {BacklogMinutes}; use a number of minutes above 0 (default 30).");
        if (TankDaysLeft < 0) problems.Add($"Alerts:TankDaysLeft is {TankDaysLeft}; use a number of days, 0 or more (default 3).");
        if (MonthMargin is < 0 or > 1) problems.Add($"Alerts:MonthMargin is {MonthMargin}; use a fraction between 0 and 1, e.g. 0.05 for 5 points.");
        if (MonthMinimumDays is < 1 or > 28) problems.Add($"Alerts:MonthMinimumDays is {MonthMinimumDays}; use 1 to 28 (default 3).");
        if (RecentKept is < 0 or > 10_000) problems.Add($"Alerts:RecentKept is {RecentKept}; use 0 to 10000.");
        if (!string.IsNullOrWhiteSpace(WebhookUrl) && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var hook) && hook.Scheme is "http" or "https"))
            problems.Add($"Alerts:WebhookUrl '{WebhookUrl}' is not an http:// or https:// address such as https://chat.example.org/hooks/lustrac.");
        problems.AddRange(Smtp.Problems());
        return problems;
    }
}

/// <summary>Alerts:Smtp — the mail server alerts are sent through (none when Host is empty).</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>auto (STARTTLS when the server offers it), starttls, ssl (port 465), none.</summary>
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }

    /// <summary>Recipients, separated by commas or semicolons.</summary>
    public string? To { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public IReadOnlyList<string> Recipients() =>
        (To ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> Problems()
    {
        if (!Configured) return [];
        var problems = new List<string>();
        if (Port is < 1 or > 65535) problems.Add($"Alerts:Smtp:Port is {Port}; use the mail server's port, usually 587 (or 465 with Security ssl).");
        if (Security is not ("auto" or "starttls" or "ssl" or "none")) problems.Add($"Alerts:Smtp:Security is '{Security}'; use auto, starttls, ssl or none.");
        if (!IsAddress(From)) problems.Add($"Alerts:Smtp:From '{From}' is not an e-mail address such as alerts@lustrac.example.");
        var to = Recipients();
        if (to.Count == 0) problems.Add("Alerts:Smtp:To is empty; give the working group's addresses, separated by commas.");
        foreach (var bad in to.Where(a => !IsAddress(a))) problems.Add($"Alerts:Smtp:To has '{bad}', which is not an e-mail address.");
        if (!string.IsNullOrEmpty(Username) && Password is null) problems.Add("Alerts:Smtp:Username is set without Alerts:Smtp:Password.");
        return problems;
    }

    private static bool IsAddress(string? text) => MimeKit.MailboxAddress.TryParse(text ?? "", out var address) && address.Address.Contains('@');
}
