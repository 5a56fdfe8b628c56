namespace Lustrac.Energy.Gateway.Eastron;

/// <summary>A contiguous block of registers read in one request, and the parameters inside it.</summary>
public sealed record RegisterSpan(ushort Start, ushort Count, IReadOnlyList<EastronParameter> Parameters)
{
    /// <summary>
    /// Groups parameters into as few requests as the meter allows. Only truly adjacent parameters are merged:
    /// reading across a hole would ask for registers the meter may not define (exception 02).
    /// </summary>
    public static IReadOnlyList<RegisterSpan> Plan(IEnumerable<EastronParameter> parameters, int maxRegisters)
    {
        var spans = new List<RegisterSpan>();
        var current = new List<EastronParameter>();
        ushort start = 0, end = 0;
        foreach (var p in parameters.OrderBy(p => p.Address))
        {
            if (current.Count > 0 && p.Address == end && p.Address + 2 - start <= maxRegisters)
            {
                current.Add(p);
                end = (ushort)(p.Address + 2);
                continue;
            }
            if (current.Count > 0) spans.Add(new RegisterSpan(start, (ushort)(end - start), current));
            current = [p];
            start = p.Address;
            end = (ushort)(p.Address + 2);
        }
        if (current.Count > 0) spans.Add(new RegisterSpan(start, (ushort)(end - start), current));
        return spans;
    }
}
