using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Energy;

/// <summary>
/// Receives the engine's balance one interval at a time, in grid order, every interval (Missing ones too). A year of
/// 31 scopes is about a hundred megabytes of records: a sink that only needs sums keeps none of them.
/// </summary>
public interface IEnergySink
{
    /// <param name="households">This interval's record of each household, in the meters' order. The sink may change
    /// them and <paramref name="neighbourhood"/> (a scenario battery does) but must not keep the span.</param>
    /// <param name="surplus">Shared production left after allocation; null when unknown.</param>
    void Interval(int k, Span<IntervalRecord<EnergyParts>> households, ref IntervalRecord<EnergyParts> neighbourhood, double? surplus);
}

/// <summary>Keeps every interval: the engine's <see cref="EnergyResult"/>.</summary>
public sealed class EnergyRecorder : IEnergySink
{
    private readonly Intervals.IntervalGrid _grid;
    private readonly IReadOnlyList<string> _ids;
    private readonly IntervalRecord<EnergyParts>[][] _households;
    private readonly IntervalRecord<EnergyParts>[] _neighbourhood;
    private readonly double?[] _surplus;

    public EnergyRecorder(Intervals.IntervalGrid grid, IReadOnlyList<string> householdIds)
    {
        _grid = grid;
        _ids = householdIds;
        _households = new IntervalRecord<EnergyParts>[householdIds.Count][];
        for (int h = 0; h < _households.Length; h++) _households[h] = new IntervalRecord<EnergyParts>[grid.Count];
        _neighbourhood = new IntervalRecord<EnergyParts>[grid.Count];
        _surplus = new double?[grid.Count];
    }

    public void Interval(int k, Span<IntervalRecord<EnergyParts>> households, ref IntervalRecord<EnergyParts> neighbourhood, double? surplus)
    {
        for (int h = 0; h < households.Length; h++) _households[h][k] = households[h];
        _neighbourhood[k] = neighbourhood;
        _surplus[k] = surplus;
    }

    public EnergyResult Result => new(_grid, _ids, _households, _neighbourhood, _surplus);
}
