using System.Text.Json;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// The operator's named scenarios, kept in one JSON file (<c>Scenarios:File</c>, default <c>data/scenarios.json</c>)
/// beside the server's other data files: scenarios are definitions, not measurements, so they need neither store
/// and a deployment on SQLite or on InfluxDB keeps them the same way. Written whole to a temporary file then
/// renamed over the old one, so a crash mid-write leaves the previous list.
/// </summary>
public sealed class ScenarioBook(string path, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();

    public IReadOnlyList<SavedScenario> List()
    {
        lock (_gate) return Read();
    }

    public SavedScenario? Find(string id) => List().FirstOrDefault(s => s.Id == id);

    public SavedScenario Add(ScenarioSpec spec)
    {
        lock (_gate)
        {
            var all = Read().ToList();
            var saved = new SavedScenario($"s{Guid.NewGuid():N}"[..9], clock.GetUtcNow().UtcDateTime, spec);
            all.Add(saved);
            Write(all);
            return saved;
        }
    }

    /// <summary>Removes the scenario; false when no scenario has that id (nothing is written).</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            var all = Read();
            if (all.RemoveAll(s => s.Id == id) == 0) return false;
            Write(all);
            return true;
        }
    }

    private void Write(List<SavedScenario> all)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(all, Json));
        File.Move(temp, path, overwrite: true);
    }

    private List<SavedScenario> Read()
    {
        if (!File.Exists(path)) return [];
        try { return JsonSerializer.Deserialize<List<SavedScenario>>(File.ReadAllText(path), Json) ?? []; }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a list of saved scenarios ({e.Message}). Fix or move the file.", e); }
    }
}
