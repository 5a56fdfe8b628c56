using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>Fresh SQLite stores (reading and result store in one file, as the server runs them) in a temp folder.</summary>
public sealed class SqliteAutonomyFolder : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-autonomy-").FullName;

    public async Task<AutonomyStores> CreateAsync()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        var stores = new AutonomyStores(new SqliteReadingStore(path), StoredResults.InSqlite(path, "test"));
        await stores.Readings.InitialiseAsync(CancellationToken.None);
        await stores.Results.InitialiseAsync(CancellationToken.None);
        return stores;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public static class InfluxAutonomyStores
{
    /// <summary>Fresh stores on a database of their own in the real InfluxDB the test run provides.</summary>
    public static async Task<AutonomyStores> CreateAsync(Lustrac.Energy.Testing.SharedServices services)
    {
        var settings = new StoreSettings { Kind = "influxdb", InfluxDatabase = "a" + Guid.NewGuid().ToString("N")[..12] };
        var readings = new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl }, settings);
        var results = StoredResults.InInflux(new HttpClient { BaseAddress = services.InfluxUrl }, settings, "test");
        await readings.InitialiseAsync(CancellationToken.None);
        await results.InitialiseAsync(CancellationToken.None);
        return new AutonomyStores(readings, results);
    }
}

/// <summary>Asserting a fraction to 0.01 percentage points, and litres or kWh to a hundredth.</summary>
public static class Near
{
    public const double Fraction = 0.0001;
    public const double Quantity = 0.01;

    public static void Ratio(double expected, double? actual) => Within(expected, actual, Fraction);
    public static void Amount(double expected, double? actual) => Within(expected, actual, Quantity);

    public static void Within(double expected, double? actual, double tolerance)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual!.Value, expected - tolerance, expected + tolerance);
    }

    public static double? Number(System.Text.Json.JsonElement e, string property) =>
        e.GetProperty(property).ValueKind == System.Text.Json.JsonValueKind.Null ? null : e.GetProperty(property).GetDouble();
}
