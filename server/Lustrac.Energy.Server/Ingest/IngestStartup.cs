using Lustrac.Energy.Server.Live;

namespace Lustrac.Energy.Server.Ingest;

public static class IngestStartup
{
    /// <summary>Ingest's back-pressure and the seam after the store, with the live view subscribed to it.</summary>
    public static IServiceCollection AddIngestPipeline(this IServiceCollection services)
    {
        services.AddSingleton<IngestPressure>();
        services.AddSingleton<StoredBatches>();
        services.AddStoredBatchObserver<LiveReadings>();
        return services;
    }

    /// <summary>Subscribes the singleton <typeparamref name="T"/> (registered on its own) to every stored batch.</summary>
    public static IServiceCollection AddStoredBatchObserver<T>(this IServiceCollection services) where T : class, IStoredBatchObserver =>
        services.AddSingleton<IStoredBatchObserver>(sp => sp.GetRequiredService<T>());
}
