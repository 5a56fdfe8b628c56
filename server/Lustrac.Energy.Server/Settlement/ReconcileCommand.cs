using Lustrac.Energy.Autonomy.Settlement.Reconciliation;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>
/// <c>Lustrac.Energy.Server reconcile SITE_FILE SQLITE_FILE OPERATOR_FILE</c>: the operator's figures against the
/// cooperative's, from the embedded store's interval rows (the server need not run). With InfluxDB, use
/// <c>POST /api/settlement/reconcile</c>.
/// </summary>
public static class ReconcileCommand
{
    public const string Name = "reconcile";

    /// <returns>0, or 2 when a file cannot be used (the reason, with its line, on standard error).</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count != 3)
        {
            errors.WriteLine($"usage: Lustrac.Energy.Server {Name} SITE_FILE SQLITE_FILE OPERATOR_FILE");
            return 2;
        }
        try
        {
            var site = SiteLoader.LoadFile(args[0]);
            var plan = SitePlan.From(site);
            var (setup, problem) = SettlementSetup.Of(site, plan);
            if (setup is null) { errors.WriteLine(problem); return 2; }
            if (!File.Exists(args[1])) { errors.WriteLine($"the store file {args[1]} does not exist."); return 2; }
            var records = OperatorFileReader.Read(await File.ReadAllTextAsync(args[2]), plan.Zone);
            var store = StoredResults.InSqlite(args[1], plan.SiteId);
            var months = await OperatorMonths.SettleAsync(store, setup, records, CancellationToken.None);
            foreach (var line in ReconciliationText.Lines(months, plan.Zone)) output.WriteLine(line);
            return 0;
        }
        catch (Exception ex) when (ex is SiteModelException or OperatorFileException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Cannot reconcile. {ex.Message}");
            return 2;
        }
    }
}
