using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Gateway.Watchdog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Gateway;

/// <summary>
/// Every settings section bound through the options framework, checked by its <see cref="IValidateOptions{TOptions}"/>
/// when the host starts; services take the checked value (<c>OutboxSettings</c>, not <c>IOptions&lt;…&gt;</c>).
/// </summary>
public static class GatewayConfiguration
{
    public static IServiceCollection AddGatewaySettings(this IServiceCollection services)
    {
        // One call per type, not a generic helper: the configuration binding source generator (Native AOT) needs the concrete type.
        services.AddOptions<GatewaySettings>().BindConfiguration("Gateway").ValidateOnStart();
        services.AddOptions<MqttSettings>().BindConfiguration("Mqtt").ValidateOnStart();
        services.AddOptions<OutboxSettings>().BindConfiguration("Outbox").ValidateOnStart();
        services.AddOptions<WatchdogSettings>().BindConfiguration("Watchdog").ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewaySettings>, GatewaySettingsValidator>();
        services.AddSingleton<IValidateOptions<MqttSettings>, MqttSettingsValidator>();
        services.AddSingleton<IValidateOptions<OutboxSettings>, OutboxSettingsValidator>();
        services.AddSingleton<IValidateOptions<WatchdogSettings>, WatchdogSettingsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewaySettings>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MqttSettings>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OutboxSettings>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WatchdogSettings>>().Value);
        return services;
    }

    /// <summary>
    /// Runs the checks ValidateOnStart registered, at once: the host runs them only after resolving the hosted services,
    /// whose constructors already open the outbox folder and read the settings.
    /// </summary>
    /// <exception cref="OptionsValidationException">One section is wrong (an <see cref="AggregateException"/> of them when several are).</exception>
    public static void CheckNow(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();
}
