namespace Lustrac.Energy.Server.Privacy;

public enum ViewerKind { Public, Household, Operator }

/// <summary>
/// Who is looking, resolved once per request from the token. Public: shared screens (training centre, the lane),
/// aggregates only. Household: its own data plus aggregates. Operator: everything, for diagnostics.
/// Endpoints take it as a parameter; minimal APIs bind it through <see cref="BindAsync"/>.
/// </summary>
public sealed record Viewer(ViewerKind Kind, string? Household, bool HouseholdConsentsToFineData)
{
    public static readonly Viewer Public = new(ViewerKind.Public, null, false);
    public static readonly Viewer Operator = new(ViewerKind.Operator, null, false);

    internal static readonly object ItemKey = new();

    public static ValueTask<Viewer?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items.TryGetValue(ItemKey, out var v) ? v as Viewer : Public);
}
