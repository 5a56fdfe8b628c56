using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Autonomy.Bench;

/// <summary>Synthetic counters for a year: 30 homes (import, export, own PV on half of them) and 2 shared arrays, read every 15 min a few seconds late.</summary>
internal sealed class SyntheticSite
{
    public const int Households = 30;
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly IntervalGrid Year = new(Start, 365 * 96);

    public List<(string Id, CounterSample[] Samples)> Series { get; } = [];

    public SyntheticSite(int seed = 1)
    {
        var rnd = new Random(seed);
        int readings = Year.Count + 2;
        for (int h = 0; h < Households; h++)
        {
            bool hasPv = h % 2 == 0;
            var imp = new CounterSample[readings];
            var exp = new CounterSample[readings];
            var pv = new CounterSample[readings];
            double i = rnd.Next(1000, 9000), e = rnd.Next(0, 2000), p = rnd.Next(0, 5000);
            for (int k = 0; k < readings; k++)
            {
                var t = Start.AddMinutes(15 * (k - 1)).AddSeconds(rnd.Next(1, 20));
                double hour = t.Hour + t.Minute / 60.0;
                double sun = Math.Max(0, Math.Sin((hour - 6) / 12 * Math.PI));
                double load = 0.08 + 0.12 * rnd.NextDouble();
                double prod = hasPv ? 0.9 * sun * (0.7 + 0.3 * rnd.NextDouble()) : 0;
                double net = load - prod;
                if (net > 0) i += net; else e -= net;
                p += prod;
                imp[k] = new(t, i);
                exp[k] = new(t, e);
                pv[k] = new(t, p);
            }
            Series.Add(($"h{h:00}/import", imp));
            Series.Add(($"h{h:00}/export", exp));
            if (hasPv) Series.Add(($"h{h:00}/pv", pv));
        }
        for (int a = 0; a < 2; a++)
        {
            var s = new CounterSample[readings];
            double p = 0;
            for (int k = 0; k < readings; k++)
            {
                var t = Start.AddMinutes(15 * (k - 1)).AddSeconds(rnd.Next(1, 20));
                double hour = t.Hour + t.Minute / 60.0;
                p += 3 * Math.Max(0, Math.Sin((hour - 6) / 12 * Math.PI));
                s[k] = new(t, p);
            }
            Series.Add(($"shared{a}/pv", s));
        }
    }
}
