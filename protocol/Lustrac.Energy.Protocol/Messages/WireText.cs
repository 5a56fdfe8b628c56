using System.Collections.Frozen;
using System.Text.Json;
using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Protocol.Messages;

/// <summary>
/// Reads the short strings every reading repeats (quantity names, units, quality names) without allocating:
/// a known text comes back as the vocabulary's own string instance, anything else as a new string.
/// </summary>
internal static class WireText
{
    private const int MaxOnStack = 64;

    private static readonly FrozenSet<string> Known = QuantityVocabulary.All.Select(q => q.Name)
        .Concat(QuantityVocabulary.All.Select(q => q.Unit))
        .Concat(Enum.GetValues<ReadingQuality>().Select(q => q.ToWire()))
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current string token of <paramref name="reader"/>, unescaped.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxOnStack) return reader.GetString()!;
        Span<char> text = stackalloc char[MaxOnStack];
        var length = reader.CopyString(text);
        return KnownBySpan.TryGetValue(text[..length], out var known) ? known : new string(text[..length]);
    }
}
