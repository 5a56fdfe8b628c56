namespace Lustrac.Energy.Protocol.Site;

/// <summary>Cross-reference checks once every entry has been read on its own.</summary>
internal static class SiteValidator
{
    public static void Validate(SiteModel model, List<SiteProblem> problems)
    {
        void Add(SourceLocation at, string message) => problems.Add(new SiteProblem(at, message));

        CheckUnique(model.Households.Select(h => (h.Id, h.Location)), "household", problems);
        CheckUnique(model.Assets.Select(a => (a.Id, a.Location)), "asset", problems);
        CheckUnique(model.Gateways.Select(g => (g.Id, g.Location)), "gateway", problems);
        CheckUnique(model.Devices.Select(d => (d.Id, d.Location)), "device", problems);

        var gateways = model.Gateways.Select(g => g.Id).ToHashSet();
        var households = model.Households.Select(h => h.Id).ToHashSet();
        var assets = model.Assets.ToDictionary(a => a.Id, a => a, StringComparer.Ordinal);
        var busAddresses = new Dictionary<(string, string, int), Device>();

        foreach (var d in model.Devices)
        {
            if (!gateways.Contains(d.Gateway))
                Add(d.Location, $"device '{d.Id}' is on gateway '{d.Gateway}', which is not listed under 'gateways'. " +
                    $"Add it there or use one of: {string.Join(", ", gateways)}." + Hint(d.Gateway, gateways));
            if (!DeviceCatalog.RolesByKind.TryGetValue(d.Kind, out var roles))
            {
                Add(d.Location, $"device '{d.Id}' has unknown kind '{d.Kind}'." + Hint(d.Kind, DeviceCatalog.RolesByKind.Keys) +
                    $" Known kinds: {string.Join(", ", DeviceCatalog.RolesByKind.Keys)}.");
            }
            else if (!roles.Contains(d.Role))
            {
                Add(d.Location, $"device '{d.Id}' of kind '{d.Kind}' cannot have role '{d.Role}'. Possible roles: {string.Join(", ", roles)}.");
            }
            if (Roles.NeedsHousehold(d.Role) && d.Household is null)
                Add(d.Location, $"device '{d.Id}' has role '{d.Role}' and so needs 'household: <id>'.");
            if (d.Household is not null && !households.Contains(d.Household))
                Add(d.Location, $"device '{d.Id}' names household '{d.Household}', which is not listed under 'households'." + Hint(d.Household, households));
            if (Roles.NeedsAsset(d.Role) && d.Asset is null)
                Add(d.Location, $"device '{d.Id}' has role '{d.Role}' and so needs 'asset: <id>'.");
            if (d.Asset is not null && !assets.ContainsKey(d.Asset))
                Add(d.Location, $"device '{d.Id}' names asset '{d.Asset}', which is not listed under 'assets'." + Hint(d.Asset, assets.Keys));
            foreach (var problem in MeterCounters.Problems(d)) Add(d.Location, problem);
            if (DeviceCatalog.IsModbus(d.Kind) && !DeviceCatalog.IsModbusBus(d.Bus))
                Add(d.Location, $"device '{d.Id}' is a Modbus device; its bus must be modbus-tcp://host:port or modbus-rtu:///dev/ttyX, not '{d.Bus}'.");
            if (d.Kind == DeviceKinds.LinkyTic && !DeviceCatalog.IsTicBus(d.Bus))
                Add(d.Location, $"device '{d.Id}' is a Linky read on its TIC port; write its bus as tic:///dev/ttyAMA0 (the Pi's UART) or tic:///dev/ttyUSB0 (a USB TIC adapter), not '{d.Bus}'.");
            if (DeviceCatalog.IsModbusBus(d.Bus))
            {
                if (d.Address is < 1 or > 247)
                    Add(d.Location, $"device '{d.Id}' has Modbus address {d.Address}; use 1 to 247 (the address set on the meter's display).");
                var key = (d.Gateway, d.Bus, d.Address);
                if (busAddresses.TryGetValue(key, out var other))
                    Add(d.Location, $"device '{d.Id}' has the same bus and address as '{other.Id}' ({d.Bus}, address {d.Address}); two meters on one bus need different addresses.");
                else busAddresses[key] = d;
            }
        }

        foreach (var h in model.Households)
        {
            if (!model.Devices.Any(d => d.Household == h.Id && d.Role == Roles.HouseholdMeter))
                Add(h.Location, $"household '{h.Id}' has no meter. Add a device with 'role: household_meter' and 'household: {h.Id}'.");
        }
        foreach (var a in model.Assets)
        {
            if (a.Household is not null && !households.Contains(a.Household))
                Add(a.Location, $"asset '{a.Id}' names household '{a.Household}', which is not listed under 'households'.");
        }
        if (model.Allocation.Key == AllocationKey.Static)
        {
            // The allocation block has no location of its own: point at the site file.
            var siteFile = new SourceLocation(model.Households.Count > 0 ? model.Households[0].Location.File : "", 0, 0);
            foreach (var (h, _) in model.Allocation.StaticShares.Where(s => !households.Contains(s.Key)))
                problems.Add(new SiteProblem(siteFile, $"static share for unknown household '{h}'."));
            foreach (var h in model.Households.Where(h => h.Left is not null && model.Allocation.StaticShares.ContainsKey(h.Id)))
                Add(h.Location, $"household '{h.Id}' has left (left: {h.Left:yyyy-MM-dd}) but still has a static share: give its share to the others and remove it.");
            var total = model.Allocation.StaticShares.Values.Sum();
            if (total > 1.000001)
                problems.Add(new SiteProblem(siteFile,
                    $"static shares add up to {total:P1}; they must not exceed 100 %."));
        }
    }

    private static void CheckUnique(IEnumerable<(string Id, SourceLocation At)> items, string what, List<SiteProblem> problems)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (id, at) in items)
        {
            if (id.Length == 0) continue;
            if (seen.TryGetValue(id, out var first))
                problems.Add(new SiteProblem(at, $"{what} id '{id}' is used twice (first at line {first.Line}). Each {what} needs its own id."));
            else seen[id] = at;
        }
    }

    private static string Hint(string word, IEnumerable<string> known) =>
        Suggest.Closest(word, known) is { } s ? $" Did you mean '{s}'?" : "";
}
