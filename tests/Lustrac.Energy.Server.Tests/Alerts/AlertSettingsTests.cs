using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Tests.Alerts;

public sealed class AlertSettingsTests
{
    private static void Add(params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddServerSettings();
        services.AddAlerts(config, TestSite.Model());
        using var provider = services.BuildServiceProvider();
        ServerSettings.CheckNow(provider);
    }

    [Fact]
    public void Wrong_alert_settings_stop_start_up_naming_every_key_to_fix()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Add(("Alerts:Smtp:Host", "mail.example.org"), ("Alerts:Smtp:From", "alerts"),
            ("Alerts:Smtp:To", "wg@example.org, nobody"), ("Alerts:WebhookUrl", "ftp://x"), ("Alerts:ReminderHours", "0")));
        Assert.Equal(4, error.Failures.Count());
        Assert.Equal("4 settings are wrong:", StartupFailure.Describe(error)!.Split('\n')[0]);
        Assert.Contains("Alerts:Smtp:From 'alerts' is not an e-mail address", error.Message);
        Assert.Contains("Alerts:Smtp:To has 'nobody'", error.Message);
        Assert.Contains("Alerts:WebhookUrl 'ftp://x'", error.Message);
        Assert.Contains("Alerts:ReminderHours is 0", error.Message);
    }

    [Fact]
    public void The_defaults_start_without_any_alert_setting()
    {
        Add();
        Assert.Empty(new AlertSettings().Problems());
    }
}
