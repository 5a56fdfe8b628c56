using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Ingest;

namespace Lustrac.Energy.Server.Alerts;

public static class AlertsStartup
{
    /// <summary>The "Alerts" section: rules, the book of open alerts, e-mail, webhook and MQTT delivery, the evaluating service.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration config, SiteModel site)
    {
        // Checked with the other sections (ServerSettings, AlertSettingsValidator); read here, unchecked, for which channels exist.
        var settings = config.GetSection("Alerts").Get<AlertSettings>() ?? new AlertSettings();
        services.AddSingleton(sp => NewBook(sp.GetRequiredService<AlertSettings>()));
        services.AddSingleton<ArrivalLog>();
        services.AddSingleton<AlertMetrics>();
        if (!settings.Enabled) return services;

        services.AddSingleton<IAlertRule, SilenceRule>();
        services.AddSingleton<IAlertRule, BacklogRule>();
        services.AddSingleton<IAlertRule, StoreRule>();
        services.AddSingleton<IAlertRule, TankRule>();
        services.AddSingleton<IAlertRule, CompostRule>();
        services.AddSingleton<IAlertRule, MonthTargetRule>();
        if (settings.Smtp.Configured) services.AddSingleton<IAlertChannel>(new EmailChannel(settings.Smtp));
        if (!string.IsNullOrWhiteSpace(settings.WebhookUrl))
        {
            services.AddHttpClient(nameof(WebhookChannel), http => http.Timeout = TimeSpan.FromSeconds(10));
            services.AddSingleton<IAlertChannel>(sp => new WebhookChannel(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookChannel)), new Uri(settings.WebhookUrl)));
        }
        if (settings.PublishMqtt)
            services.AddSingleton(sp => new AlertTopicPublisher(sp.GetRequiredService<IngestBrokerClient>(), site.Site.Id, sp.GetRequiredService<ILogger<AlertTopicPublisher>>()));
        services.AddSingleton(sp => new AlertService(site, sp.GetRequiredService<AlertSettings>(), sp.GetRequiredService<AlertBook>(), sp.GetServices<IAlertRule>(),
            sp.GetServices<IAlertChannel>(), settings.PublishMqtt ? sp.GetRequiredService<AlertTopicPublisher>() : null,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlertService>>(), sp.GetService<Scheduling.IntervalCloser>()));
        services.AddHostedService(sp => sp.GetRequiredService<AlertService>());
        return services;
    }

    private static AlertBook NewBook(AlertSettings settings) => new(settings.ReminderEvery, settings.RecentKept);
}
