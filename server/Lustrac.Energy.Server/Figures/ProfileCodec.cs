using System.Buffers.Binary;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// One scope's stored intervals of one local day packed into a single text field (base64), so that a year of
/// scenario history is 366 rows per scope instead of 35,040. Exact: each value is its IEEE 754 bits, nothing rounded.
/// Layout: version byte, slot count (u16), then per interval slot of the day a quality byte (0: no defined row, else
/// quality + 1) and, for a defined slot, a byte saying which of the six values are not +0.0, then those values (little-endian).
/// Zeros are left out because most of them are (night, homes without PV or battery).
/// </summary>
public static class ProfileCodec
{
    private const byte Version = 1;

    /// <summary>The values kept per interval, in this order: what the scenario engine reads of a stored row.</summary>
    public const int Values = 6;

    /// <summary>Import, export, own PV, battery charge, battery discharge, production of a stored row.</summary>
    public static void ValuesOf(EnergyIntervalRow r, Span<double> into)
    {
        into[0] = r.Parts.Import;
        into[1] = r.Parts.Export;
        into[2] = r.OwnProduction;
        into[3] = r.Parts.BatteryCharge;
        into[4] = r.Parts.BatteryDischarge;
        into[5] = r.Parts.Production;
    }

    /// <summary>Packs the defined rows among <paramref name="rows"/> into the day's <paramref name="slots"/> slots from <paramref name="dayStartUtc"/>.</summary>
    public static byte[] Pack(DateTime dayStartUtc, TimeSpan interval, int slots, IEnumerable<EnergyIntervalRow> rows)
    {
        if (slots is < 1 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(slots), slots, "a day has 1 to 65535 interval slots");
        var bySlot = new EnergyIntervalRow?[slots];
        foreach (var r in rows)
        {
            long slot = (r.StartUtc - dayStartUtc).Ticks / interval.Ticks;
            if (r.IsDefined && slot >= 0 && slot < slots && (r.StartUtc - dayStartUtc).Ticks % interval.Ticks == 0) bySlot[slot] = r;
        }
        var bytes = new List<byte>(3 + slots * 10) { Version, (byte)(slots & 0xFF), (byte)(slots >> 8) };
        Span<double> values = stackalloc double[Values];
        Span<byte> eight = stackalloc byte[8];
        foreach (var r in bySlot)
        {
            if (r is null) { bytes.Add(0); continue; }
            bytes.Add((byte)((int)r.Quality + 1));
            ValuesOf(r, values);
            byte mask = 0;
            for (int i = 0; i < Values; i++) if (BitConverter.DoubleToInt64Bits(values[i]) != 0) mask |= (byte)(1 << i);
            bytes.Add(mask);
            for (int i = 0; i < Values; i++)
            {
                if ((mask & (1 << i)) == 0) continue;
                BinaryPrimitives.WriteDoubleLittleEndian(eight, values[i]);
                foreach (var b in eight) bytes.Add(b);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Calls <paramref name="slot"/> for each defined slot: its index in the day, its quality and its six values.</summary>
    public static void Unpack(ReadOnlySpan<byte> bytes, SlotVisitor slot)
    {
        if (bytes.Length < 3 || bytes[0] != Version) throw new FormatException($"an energy profile of version {(bytes.Length > 0 ? bytes[0] : -1)}; this server reads version {Version}");
        int slots = bytes[1] | (bytes[2] << 8), at = 3;
        Span<double> values = stackalloc double[Values];
        for (int s = 0; s < slots; s++)
        {
            byte q = bytes[at++];
            if (q == 0) continue;
            byte mask = bytes[at++];
            for (int i = 0; i < Values; i++)
            {
                if ((mask & (1 << i)) == 0) { values[i] = 0; continue; }
                values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(at, 8));
                at += 8;
            }
            slot(s, (IntervalQuality)(q - 1), values);
        }
        if (at != bytes.Length) throw new FormatException($"an energy profile of {slots} slots has {bytes.Length - at} bytes too many");
    }

    /// <summary>One defined slot of a packed day.</summary>
    public delegate void SlotVisitor(int slot, IntervalQuality quality, ReadOnlySpan<double> values);
}
