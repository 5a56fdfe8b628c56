namespace Lustrac.Energy.Server.Forecast;

public static class ForecastStartup
{
    /// <summary>Tomorrow's expected autonomy: the board the API and screen read, the morning keeping and the scores.</summary>
    public static IServiceCollection AddLustracForecast(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp =>
        {
            var settings = config.GetSection("Forecast").Get<ForecastSettings>() ?? new ForecastSettings();
            settings.Log = sp.GetRequiredService<ILoggerFactory>().CreateLogger<ForecastSettings>();
            return settings;
        });
        services.AddSingleton<ForecastSource>();
        services.AddSingleton<ForecastBoard>();
        services.AddSingleton<KeptForecasts>();
        services.AddSingleton<ForecastScores>();
        services.AddSingleton<MorningForecast>();
        services.AddHostedService<ForecastKeeping>();
        return services;
    }
}
