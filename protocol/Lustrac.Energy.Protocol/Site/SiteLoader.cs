using Lustrac.Energy.Protocol.Messages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lustrac.Energy.Protocol.Site;

/// <summary>
/// Reads and validates a site file. Every problem is collected with its file, line and a fix, then thrown
/// together as a <see cref="SiteModelException"/>, so a person fixes the file in one pass.
/// </summary>
public static class SiteLoader
{
    public static SiteModel LoadFile(string path)
    {
        if (!File.Exists(path))
            throw new SiteModelException([new SiteProblem(new SourceLocation(path, 0, 0),
                $"the site file does not exist (looked for {Path.GetFullPath(path)}). Check the path, or copy site/lustrac.site.yaml and edit it.")]);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static SiteModel Parse(string yaml, string fileName = "site.yaml")
    {
        var problems = new List<SiteProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new SiteModelException([new SiteProblem(new SourceLocation(fileName, (int)ex.Start.Line, (int)ex.Start.Column),
                $"this is not valid YAML ({ex.InnerException?.Message ?? ex.Message}). Check indentation and that every 'name: value' has a space after the colon.")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SiteModelException([new SiteProblem(new SourceLocation(fileName, 1, 1), "the file is empty or is not a set of sections (site, households, gateways, devices…).")]);

        var top = new YamlMap(root, fileName, problems, "the file");
        var model = new SiteReader(top, fileName, problems).Read();
        top.RejectUnknownKeys();
        if (problems.Count == 0) SiteValidator.Validate(model, problems);
        if (problems.Count > 0) throw new SiteModelException(problems);
        return WithoutDeparted(model);
    }

    /// <summary>
    /// Takes the households marked <c>left:</c> and their devices out of the model (validated whole first, so a
    /// departed household's devices are checked like any other) and lists them in <see cref="SiteModel.Departed"/>.
    /// </summary>
    private static SiteModel WithoutDeparted(SiteModel model)
    {
        var departed = model.Households.Where(h => h.Left is not null).ToList();
        if (departed.Count == 0) return model;
        var gone = departed.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        return model with
        {
            Households = [.. model.Households.Where(h => !gone.Contains(h.Id))],
            Devices = [.. model.Devices.Where(d => d.Household is null || !gone.Contains(d.Household))],
            Assets = [.. model.Assets.Where(a => a.Household is null || !gone.Contains(a.Household))],
            Departed = [.. departed.Select(h => new DepartedHousehold(h.Id, h.Left!.Value,
                [.. model.Devices.Where(d => d.Household == h.Id).Select(d => d.Id)], h.Location))],
        };
    }

    private sealed class SiteReader(YamlMap top, string file, List<SiteProblem> problems)
    {
        private YamlMap Sub(YamlMappingNode node, string what) => new(node, file, problems, what);

        public SiteModel Read()
        {
            var site = ReadSite();
            var targets = ReadTargets();
            var allocation = ReadAllocation();
            var households = top.List("households", required: true).Select(e => ReadHousehold(e.Item, e.Index)).ToList();
            var assets = top.List("assets").Select(e => ReadAsset(e.Item, e.Index)).ToList();
            var gateways = top.List("gateways", required: true).Select(e => ReadGateway(e.Item, e.Index)).ToList();
            var devices = top.List("devices", required: true).Select(e => ReadDevice(e.Item, e.Index)).ToList();
            return new SiteModel(site, targets, allocation, households, assets, gateways, devices)
            { Settlement = SettlementSection.Read(top, file, problems, site, households) };
        }

        private SiteInfo ReadSite()
        {
            var node = top.Map("site", required: true);
            if (node is null) return new SiteInfo("site", "", 0, 0, "Europe/Paris", 15);
            var m = Sub(node, "'site'");
            var id = Id(m);
            var info = new SiteInfo(
                id,
                m.String("name", fallback: id)!,
                m.Number("latitude", -90, 90, required: true) ?? 0,
                m.Number("longitude", -180, 180, required: true) ?? 0,
                m.String("timezone", fallback: "Europe/Paris")!,
                (int)(m.Number("interval_minutes", 1, 60, fallback: 15) ?? 15));
            if (60 % info.IntervalMinutes != 0)
                m.Problem(m.Node("interval_minutes")!, $"'interval_minutes' is {info.IntervalMinutes}; it must divide an hour (5, 10, 15, 30 or 60) so intervals line up with clock hours.");
            if (!TimeZoneExists(info.TimeZone))
                m.Problem(m.Node("timezone") ?? node, $"time zone '{info.TimeZone}' is unknown. Use an IANA name such as Europe/Paris.");
            m.RejectUnknownKeys();
            return info;
        }

        private Targets ReadTargets()
        {
            var node = top.Map("targets");
            if (node is null) return new Targets(0.85, 0.85, 0.85, 0.85);
            var m = Sub(node, "'targets'");
            var t = new Targets(
                m.Number("energy_self_sufficiency", 0, 1, fallback: 0.85)!.Value,
                m.Number("water_autonomy", 0, 1, fallback: 0.85)!.Value,
                m.Number("compost_diversion", 0, 1, fallback: 0.85)!.Value,
                m.Number("vital_needs", 0, 1, fallback: 0.85)!.Value);
            m.RejectUnknownKeys();
            return t;
        }

        private AllocationSettings ReadAllocation()
        {
            var node = top.Map("allocation");
            if (node is null) return new AllocationSettings(AllocationKey.DefaultDynamic, new Dictionary<string, double>());
            var m = Sub(node, "'allocation'");
            var keyText = m.String("key", fallback: "default_dynamic")!;
            var key = keyText switch
            {
                "static" => AllocationKey.Static,
                "default_dynamic" => AllocationKey.DefaultDynamic,
                "equal_share" => AllocationKey.EqualShare,
                _ => (AllocationKey?)null,
            };
            if (key is null) m.Problem(m.Node("key")!, $"allocation key '{keyText}' is unknown. Use static, default_dynamic or equal_share.");
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            if (m.Map("static_shares") is { } sharesNode)
            {
                var sm = Sub(sharesNode, "'allocation.static_shares'");
                foreach (var (k, v) in sm.Scalars())
                {
                    if (double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1) shares[k] = share;
                    else sm.Problem($"static share of '{k}' is '{v}'; it must be a fraction between 0 and 1.");
                }
            }
            m.RejectUnknownKeys();
            return new AllocationSettings(key ?? AllocationKey.DefaultDynamic, shares);
        }

        private Household ReadHousehold(YamlMappingNode node, int index)
        {
            var m = Sub(node, $"household {index + 1}");
            var h = new Household(Id(m), m.String("name") ?? "", (int)(m.Number("occupants", 0, 50, fallback: 2) ?? 2),
                m.Bool("consent_fine_data", false), m.Location) { Left = LeftDate(m) };
            m.RejectUnknownKeys();
            return h;
        }

        /// <summary><c>left: 2026-11-30</c>, the local date a household left the operation.</summary>
        private static DateOnly? LeftDate(YamlMap m)
        {
            var text = m.String("left");
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var date)) return date;
            m.Problem(m.Node("left")!, $"'left' is '{text}'; write the date the household left as YYYY-MM-DD (e.g. 2026-11-30).");
            return null;
        }

        private Asset ReadAsset(YamlMappingNode node, int index)
        {
            var m = Sub(node, $"asset {index + 1}");
            var id = Id(m);
            var kindText = m.String("kind", required: true) ?? "";
            AssetKind? kind = kindText switch
            {
                "pv_array" => AssetKind.PvArray,
                "rain_tank" => AssetKind.RainTank,
                "compost_pile" => AssetKind.CompostPile,
                "battery" => AssetKind.Battery,
                _ => null,
            };
            if (kind is null && kindText.Length > 0)
                m.Problem(m.Node("kind")!, $"asset '{id}' has unknown kind '{kindText}'. Use pv_array, rain_tank, compost_pile or battery.");
            TankShape? shape = null;
            var shapeText = m.String("shape");
            if (shapeText is not null)
            {
                shape = shapeText switch
                {
                    "vertical_cylinder" => TankShape.VerticalCylinder,
                    "horizontal_cylinder" => TankShape.HorizontalCylinder,
                    "rectangular" => TankShape.Rectangular,
                    _ => null,
                };
                if (shape is null) m.Problem(m.Node("shape")!, $"tank '{id}' has unknown shape '{shapeText}'. Use vertical_cylinder, horizontal_cylinder or rectangular.");
            }
            var asset = new Asset(id, kind ?? AssetKind.PvArray, m.String("household"),
                m.Number("peak_kw", 0, 10_000), m.Number("tilt_deg", 0, 90), m.Number("azimuth_deg", 0, 360),
                shape, m.Number("diameter_m", 0, 100), m.Number("length_m", 0, 100), m.Number("width_m", 0, 100),
                m.Number("height_m", 0, 100), m.Number("roof_area_m2", 0, 100_000), m.String("sanitisation_rule"), m.Location)
            { Name = m.String("name") ?? id };
            switch (kind)
            {
                case AssetKind.PvArray when asset.PeakKw is null:
                    m.Problem($"PV array '{id}' needs 'peak_kw' (its rated power in kWp).");
                    break;
                case AssetKind.RainTank:
                    RequireTankDimensions(m, asset);
                    break;
            }
            m.RejectUnknownKeys();
            return asset;
        }

        private static void RequireTankDimensions(YamlMap m, Asset a)
        {
            string[] missing = a.Shape switch
            {
                TankShape.VerticalCylinder => Missing(("diameter_m", a.DiameterM), ("height_m", a.HeightM)),
                TankShape.HorizontalCylinder => Missing(("diameter_m", a.DiameterM), ("length_m", a.LengthM)),
                TankShape.Rectangular => Missing(("length_m", a.LengthM), ("width_m", a.WidthM), ("height_m", a.HeightM)),
                _ => ["shape"],
            };
            if (missing.Length > 0)
                m.Problem($"tank '{a.Id}' needs {string.Join(" and ", missing.Select(x => $"'{x}'"))} to turn a level into a volume.");
        }

        private static string[] Missing(params (string Name, double? Value)[] fields) =>
            fields.Where(f => f.Value is null).Select(f => f.Name).ToArray();

        private Gateway ReadGateway(YamlMappingNode node, int index)
        {
            var m = Sub(node, $"gateway {index + 1}");
            var g = new Gateway(Id(m), m.String("name") ?? "", (int)(m.Number("poll_seconds", 1, 3600, fallback: 10) ?? 10), m.Location);
            m.RejectUnknownKeys();
            return g;
        }

        private Device ReadDevice(YamlMappingNode node, int index)
        {
            var m = Sub(node, $"device {index + 1}");
            var settings = m.Map("settings") is { } s ? Sub(s, $"settings of device {index + 1}").Scalars() : new Dictionary<string, string>();
            var d = new Device(Id(m), m.String("gateway", required: true) ?? "", m.String("kind", required: true) ?? "",
                m.String("bus", required: true) ?? "", (int)(m.Number("address", 0, 255, fallback: 1) ?? 1),
                m.String("role", required: true) ?? "", m.String("household"), m.String("asset"), settings, m.Location);
            m.RejectUnknownKeys();
            return d;
        }

        private static string Id(YamlMap m)
        {
            var id = m.String("id", required: true) ?? "";
            if (id.Length > 0 && !Identifiers.IsValid(id))
                m.Problem(m.Node("id")!, $"id '{id}' of {m.What} is not allowed: use {Identifiers.Rule}.");
            return id;
        }

        private static bool TimeZoneExists(string id)
        {
            try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
            catch (TimeZoneNotFoundException) { return false; }
        }
    }
}
