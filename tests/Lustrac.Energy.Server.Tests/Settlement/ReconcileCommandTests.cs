using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Settlement;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Settlement;

/// <summary>
/// The <c>reconcile</c> subcommand over a real SQLite file holding the golden interval rows (see SettlementApiContract:
/// h01 1.5 kWh consumed, 1.285714 autoconsumed in the step of 12:00 local on 21 June 2026).
/// </summary>
public sealed class ReconcileCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-reconcile-").FullName;

    private async Task<(string Site, string Db)> GoldenFilesAsync()
    {
        var db = Path.Combine(_folder, "lustrac.db");
        var stores = new AutonomyStores(new SqliteReadingStore(db), StoredResults.InSqlite(db, "test"));
        await stores.Readings.InitialiseAsync(CancellationToken.None);
        await stores.Results.InitialiseAsync(CancellationToken.None);
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(Golden.T0.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(Golden.T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        var site = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(site, AutonomyTestSite.Yaml("test"));
        return (site, db);
    }

    [Fact]
    public async Task Prints_each_household_month_and_the_step_that_explains_it()
    {
        var (site, db) = await GoldenFilesAsync();
        var op = Path.Combine(_folder, "enedis.csv");
        // h01: operator 1.6 (ours 1.5) → +0.100; autoconsumed 1.286 (ours 1.285714) → 0.000 after rounding to Wh (a zero shows no sign).
        await File.WriteAllTextAsync(op, "participant;debut;duree_min;consommation_kwh;autoconsomme_kwh\nh01;2026-06-21T12:00:00+02:00;30;1,6;1,286\n");
        var (output, errors) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await ReconcileCommand.RunAsync([site, db, op], output, errors));
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "h01 2026-06: consumption operator 1.600 kWh, ours 1.500 kWh, difference +0.100 kWh; autoconsumed operator 1.286 kWh, ours 1.286 kWh, difference 0.000 kWh",
            "  2026-06-21 12:00 +02:00: consumption operator 1.600, ours 1.500 (+0.100); autoconsumed operator 1.286, ours 1.286 (0.000) [operator lines: 30 min]",
        ], lines);
    }

    [Fact]
    public async Task A_local_time_of_the_repeated_October_hour_is_refused_with_its_line()
    {
        var (site, db) = await GoldenFilesAsync();
        var op = Path.Combine(_folder, "enedis.csv");
        await File.WriteAllTextAsync(op, "participant;debut;duree_min;consommation_kwh\nh01;2026-10-25T02:00;30;1\n");
        var (output, errors) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await ReconcileCommand.RunAsync([site, db, op], output, errors));
        Assert.Contains("line 2, column 'debut': 2026-10-25T02:00 happens twice", errors.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
