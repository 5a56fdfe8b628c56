using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Storage;

/// <summary>The "Store" section, checked when the server starts.</summary>
public sealed class StoreSettingsValidator : IValidateOptions<StoreSettings>
{
    public ValidateOptionsResult Validate(string? name, StoreSettings store)
    {
        var problems = new SettingProblems("Store")
            .Check(store.Kind is "sqlite" or "influxdb", nameof(store.Kind), $"is '{store.Kind}'; use 'sqlite' (embedded) or 'influxdb'.")
            .Check(store.RetentionDays is >= 0 and <= 36_500, nameof(store.RetentionDays),
                $"is {store.RetentionDays}; use a number of days (365 keeps a year of readings, as the CNIL recommends) or 0 to keep readings forever.");
        if (store.Kind == "sqlite")
            problems.NotEmpty(nameof(store.SqlitePath), store.SqlitePath, "give the database file, e.g. data/lustrac.db.");
        if (store.Kind == "influxdb")
        {
            problems.Check(Uri.TryCreate(store.InfluxUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", nameof(store.InfluxUrl),
                $"'{store.InfluxUrl}' is not a URL such as http://127.0.0.1:8086.");
            problems.NotEmpty(nameof(store.InfluxDatabase), store.InfluxDatabase, "give the InfluxDB database, e.g. lustrac.");
        }
        return problems.Result();
    }
}
