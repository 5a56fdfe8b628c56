namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>One information group whose checksum held: a label, the data, and in standard mode an optional horodate.</summary>
public sealed record TicGroup(string Label, string Data, string? Horodate = null);

/// <summary>
/// The valid groups of one frame (STX … ETX), and how many groups were dropped: a wrong checksum, a byte that is no
/// TIC character, a group cut short, or noise between groups. A dropped group never yields a value.
/// </summary>
public sealed record TicFrame(TicMode Mode, IReadOnlyList<TicGroup> Groups, int DroppedGroups)
{
    public TicGroup? Find(string label) => Groups.FirstOrDefault(g => g.Label == label);
}
