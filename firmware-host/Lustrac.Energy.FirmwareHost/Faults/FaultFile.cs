using System.Globalization;
using Lustrac.Energy.FirmwareHost.Modbus;
using YamlDotNet.RepresentationModel;

namespace Lustrac.Energy.FirmwareHost.Faults;

/// <summary>A fault file that cannot be used, with every problem found and where.</summary>
public sealed class FaultFileException(IReadOnlyList<string> problems)
    : Exception("The fault file has problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads a fault file, kept apart from the site file because faults belong to a test or a training scenario, not to
/// the site:
/// <code>
/// faults:
///   - device: h03-meter
///     kind: timeout            # timeout | crc_error | exception | stuck | counter_reset | meter_replacement | unplugged | power_on_reset | inverter_fault | line_noise
///     from: +00:30:00          # an ISO-8601 instant, or +hh:mm:ss after the simulated start; optional
///     to: 2026-06-21T12:00:00Z # optional
///     probability: 0.2         # share of requests affected (wire faults); default 1
///   - device: h05-meter
///     kind: exception
///     code: 6                  # Modbus exception code; default 4
///   - device: h08-meter
///     kind: meter_replacement
///     at: +02:00:00            # counter faults happen at one instant
///     new_base_kwh: 0.3
/// </code>
/// </summary>
public static class FaultFile
{
    public static IReadOnlyList<FaultSpec> Load(string path, DateTimeOffset simulatedStart) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), simulatedStart, Path.GetFileName(path))
                          : throw new FaultFileException([$"{path}: the fault file does not exist."]);

    public static IReadOnlyList<FaultSpec> Parse(string yaml, DateTimeOffset simulatedStart, string fileName = "faults.yaml")
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException ex) { throw new FaultFileException([$"{fileName}:{ex.Start.Line}: not valid YAML ({ex.Message})."]); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue("faults", out var list) || list is not YamlSequenceNode entries)
            throw new FaultFileException([$"{fileName}: expected a 'faults:' list."]);

        var faults = new List<FaultSpec>();
        foreach (var entry in entries.Children)
        {
            var at = $"{fileName}:{entry.Start.Line}";
            if (entry is not YamlMappingNode map) { problems.Add($"{at}: each fault is a set of 'name: value' lines."); continue; }
            var fields = map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "");
            var spec = Read(fields, simulatedStart, at, problems);
            if (spec is not null) faults.Add(spec);
        }
        if (problems.Count > 0) throw new FaultFileException(problems);
        return faults;
    }

    private static FaultSpec? Read(Dictionary<string, string> f, DateTimeOffset start, string at, List<string> problems)
    {
        var known = new[] { "device", "kind", "from", "to", "at", "probability", "code", "new_base_kwh" };
        foreach (var unknown in f.Keys.Except(known)) problems.Add($"{at}: unknown field '{unknown}'. Known: {string.Join(", ", known)}.");
        if (!f.TryGetValue("device", out var device) || device.Length == 0) { problems.Add($"{at}: 'device' is missing."); return null; }
        FaultKind? kind = f.GetValueOrDefault("kind") switch
        {
            "timeout" => FaultKind.Timeout,
            "crc_error" => FaultKind.CrcError,
            "exception" => FaultKind.Exception,
            "stuck" => FaultKind.Stuck,
            "counter_reset" => FaultKind.CounterReset,
            "meter_replacement" => FaultKind.MeterReplacement,
            "unplugged" => FaultKind.Unplugged,
            "power_on_reset" => FaultKind.PowerOnReset,
            "inverter_fault" => FaultKind.InverterFault,
            "line_noise" => FaultKind.LineNoise,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add($"{at}: kind '{f.GetValueOrDefault("kind")}' is unknown. Use timeout, crc_error, exception, stuck, counter_reset, meter_replacement, unplugged, power_on_reset, inverter_fault or line_noise.");
            return null;
        }
        var from = Instant(f.GetValueOrDefault("from") ?? f.GetValueOrDefault("at"), start, at, problems);
        var to = Instant(f.GetValueOrDefault("to"), start, at, problems);
        if (kind is FaultKind.CounterReset or FaultKind.MeterReplacement && from is null)
            problems.Add($"{at}: a {f["kind"]} happens at an instant: add 'at: <ISO instant or +hh:mm:ss>'.");
        var probability = Number(f.GetValueOrDefault("probability"), 1, 0, 1, "probability", at, problems);
        var code = Number(f.GetValueOrDefault("code"), 4, 1, 255, "code", at, problems);
        var newBase = Number(f.GetValueOrDefault("new_base_kwh"), 0, 0, 1e9, "new_base_kwh", at, problems);
        return new FaultSpec(device, kind.Value, from, to, probability, (ModbusExceptionCode)(byte)code, newBase);
    }

    private static DateTimeOffset? Instant(string? text, DateTimeOffset start, string at, List<string> problems)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text.StartsWith('+') && TimeSpan.TryParse(text[1..], CultureInfo.InvariantCulture, out var offset)) return start + offset;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return instant.ToUniversalTime();
        problems.Add($"{at}: '{text}' is neither an ISO-8601 instant nor +hh:mm:ss after the start.");
        return null;
    }

    private static double Number(string? text, double fallback, double min, double max, string name, string at, List<string> problems)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        problems.Add($"{at}: '{name}' is '{text}'; it must be a number from {min} to {max}.");
        return fallback;
    }
}
