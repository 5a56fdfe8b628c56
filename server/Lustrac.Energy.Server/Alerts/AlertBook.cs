namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// Open and recently cleared alerts. Each evaluation hands it every cause seen now; it answers with what to deliver:
/// a cause not open yet is raised, one still open is reminded once per reminder period, an open one no longer seen is
/// cleared. So a lasting fault costs one message per period, never one per evaluation.
/// </summary>
public sealed class AlertBook(TimeSpan reminderEvery, int recentKept = 100)
{
    private readonly Dictionary<string, AlertRecord> _open = new(StringComparer.Ordinal);
    private readonly LinkedList<AlertRecord> _recent = new();
    private readonly Lock _gate = new();

    public IReadOnlyList<AlertNotice> Update(IEnumerable<AlertCondition> seen, DateTimeOffset now)
    {
        var notices = new List<AlertNotice>();
        lock (_gate)
        {
            var current = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
            foreach (var c in seen) current.TryAdd(c.Key, c);
            foreach (var (key, condition) in current)
            {
                if (!_open.TryGetValue(key, out var open))
                {
                    var raised = new AlertRecord(condition, now, now, 0, null);
                    _open[key] = raised;
                    notices.Add(new AlertNotice(AlertEvent.Raised, raised, now));
                }
                else if (now - open.LastSentAt >= reminderEvery)
                {
                    var reminded = open with { Condition = condition, LastSentAt = now, Reminders = open.Reminders + 1 };
                    _open[key] = reminded;
                    notices.Add(new AlertNotice(AlertEvent.Reminder, reminded, now));
                }
                else _open[key] = open with { Condition = condition }; // the message may carry fresher figures
            }
            foreach (var key in _open.Keys.Where(k => !current.ContainsKey(k)).ToList())
            {
                var cleared = _open[key] with { ClearedAt = now };
                _open.Remove(key);
                _recent.AddFirst(cleared);
                if (_recent.Count > recentKept) _recent.RemoveLast();
                notices.Add(new AlertNotice(AlertEvent.Cleared, cleared, now));
            }
        }
        return notices;
    }

    /// <summary>Open alerts, oldest first.</summary>
    public IReadOnlyList<AlertRecord> Open()
    {
        lock (_gate) return _open.Values.OrderBy(a => a.RaisedAt).ThenBy(a => a.Condition.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Cleared alerts, newest first.</summary>
    public IReadOnlyList<AlertRecord> Recent()
    {
        lock (_gate) return _recent.ToList();
    }
}
