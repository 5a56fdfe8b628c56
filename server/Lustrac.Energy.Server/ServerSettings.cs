using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Privacy.Departures;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Watchdog;
using Microsoft.Extensions.Options;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server;

/// <summary>
/// Every settings section bound through the options framework, checked by its <see cref="IValidateOptions{TOptions}"/>
/// when the host starts; services take the checked value (<c>MqttIngestSettings</c>, not <c>IOptions&lt;…&gt;</c>).
/// </summary>
public static class ServerSettings
{
    public static IServiceCollection AddServerSettings(this IServiceCollection services)
    {
        // One call per type, not a generic helper: the configuration binding source generator needs the concrete type.
        services.AddOptions<MqttIngestSettings>().BindConfiguration("Mqtt").ValidateOnStart();
        services.AddOptions<StoreSettings>().BindConfiguration("Store").ValidateOnStart();
        services.AddOptions<QuarantineSettings>().BindConfiguration("Quarantine").ValidateOnStart();
        services.AddOptions<AutonomySettings>().BindConfiguration("Autonomy").ValidateOnStart();
        services.AddOptions<AlertSettings>().BindConfiguration("Alerts").ValidateOnStart();
        services.AddOptions<ServerWatchdogSettings>().BindConfiguration("Watchdog").ValidateOnStart();
        services.AddOptions<DepartureSettings>().BindConfiguration("Privacy").ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttIngestSettings>, MqttIngestSettingsValidator>();
        services.AddSingleton<IValidateOptions<StoreSettings>, StoreSettingsValidator>();
        services.AddSingleton<IValidateOptions<QuarantineSettings>, QuarantineSettingsValidator>();
        services.AddSingleton<IValidateOptions<AutonomySettings>, AutonomySettingsValidator>();
        services.AddSingleton<IValidateOptions<AlertSettings>, AlertSettingsValidator>();
        services.AddSingleton<IValidateOptions<ServerWatchdogSettings>, ServerWatchdogSettingsValidator>();
        services.AddSingleton<IValidateOptions<DepartureSettings>, DepartureSettingsValidator>();
        services.AddSingleton(Checked<MqttIngestSettings>);
        services.AddSingleton(Checked<StoreSettings>);
        services.AddSingleton(Checked<QuarantineSettings>);
        services.AddSingleton(Checked<AutonomySettings>);
        services.AddSingleton(Checked<AlertSettings>);
        services.AddSingleton(Checked<ServerWatchdogSettings>);
        services.AddSingleton(Checked<DepartureSettings>);
        return services;
    }

    /// <summary>
    /// Runs the checks ValidateOnStart registered, at once. The host runs them too, but only after it has resolved the
    /// hosted services, whose constructors would already use the values (a wrong Store:Kind would surface as a
    /// missing service instead of the setting to fix).
    /// </summary>
    /// <exception cref="OptionsValidationException">One section is wrong (an <see cref="AggregateException"/> of them when several are).</exception>
    public static void CheckNow(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    private static T Checked<T>(IServiceProvider services) where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
