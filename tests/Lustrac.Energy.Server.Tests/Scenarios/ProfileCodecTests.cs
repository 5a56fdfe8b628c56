using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Tests.Scenarios;

public sealed class ProfileCodecTests
{
    private static readonly DateTime Day = new(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc); // 29 March in Paris: 23 hours, 92 slots
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    private static EnergyIntervalRow Row(int slot, IntervalQuality quality, double import, double export, double own, double charge, double discharge, double production) =>
        new(Day + Quarter * slot, "h01", new EnergyParts(Consumption: 1, Production: production, Import: import, Export: export, BatteryCharge: charge,
            BatteryDischarge: discharge, Allocated: 0, LocallySupplied: 0, SelfConsumed: 0), own, quality, 2, 2);

    [Fact]
    public void Every_value_comes_back_with_its_bits_its_slot_and_its_quality()
    {
        EnergyIntervalRow[] rows =
        [
            Row(0, IntervalQuality.Measured, 0.1 + 0.2, 0, 0, 0, 0, 1e-300),
            Row(5, IntervalQuality.Interpolated, -0.0, double.Epsilon, 123456.789, 0, 0, 0),
            Row(91, IntervalQuality.Estimated, 1.0 / 3, 2.0 / 3, Math.PI, Math.E, 1e300, -5.5),
            Row(40, IntervalQuality.Missing, 9, 9, 9, 9, 9, 9), // a Missing row stores no parts: left out
            Row(92, IntervalQuality.Measured, 7, 7, 7, 7, 7, 7), // the next day's first slot: not this day's
        ];
        var packed = ProfileCodec.Pack(Day, Quarter, 92, rows);
        var seen = new List<(int Slot, IntervalQuality Quality, long[] Bits)>();
        ProfileCodec.Unpack(packed, (slot, quality, values) => seen.Add((slot, quality, values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray())));

        Assert.Equal([0, 5, 91], seen.Select(s => s.Slot));
        Assert.Equal([IntervalQuality.Measured, IntervalQuality.Interpolated, IntervalQuality.Estimated], seen.Select(s => s.Quality));
        Span<double> expected = stackalloc double[ProfileCodec.Values];
        foreach (var (row, got) in rows.Take(1).Concat(rows.Skip(1).Take(2)).Zip(seen))
        {
            ProfileCodec.ValuesOf(row, expected);
            Assert.Equal(expected.ToArray().Select(BitConverter.DoubleToInt64Bits), got.Bits);
        }
        // −0.0 keeps its sign bit: it is not a zero left out.
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), seen[1].Bits[0]);
    }

    [Fact]
    public void Zeros_are_left_out_so_a_quiet_day_is_small()
    {
        var night = Enumerable.Range(0, 96).Select(s => Row(s, IntervalQuality.Measured, 0.25, 0, 0, 0, 0, 0));
        // 3 header bytes, then per slot quality + mask + one double: 96 × 10.
        Assert.Equal(3 + 96 * 10, ProfileCodec.Pack(Day, Quarter, 96, night).Length);
    }

    [Fact]
    public void A_profile_of_another_version_or_cut_short_is_refused_with_why()
    {
        byte[] other = [2, 1, 0, 0];
        Assert.Contains("version 2", Assert.Throws<FormatException>(() => ProfileCodec.Unpack(other, (_, _, _) => { })).Message);
        byte[] longer = [1, 1, 0, 0, 0];
        Assert.Contains("too many", Assert.Throws<FormatException>(() => ProfileCodec.Unpack(longer, (_, _, _) => { })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfileCodec.Pack(Day, Quarter, 0, []));
    }
}
