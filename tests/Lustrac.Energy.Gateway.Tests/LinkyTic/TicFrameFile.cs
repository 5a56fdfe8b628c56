using System.Globalization;
using System.Text;

namespace Lustrac.Energy.Gateway.Tests.LinkyTic;

/// <summary>Test frames kept as text (one group a line, {HT} for a tab, # for comments) and the readings expected of them.</summary>
public static class TicFrameFile
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "LinkyTic", "Frames", name);

    /// <summary>The groups of a file, each without LF and CR, exactly as written (no trimming: a checksum can be a space).</summary>
    public static string[] Groups(string name) => File.ReadAllLines(PathOf(name + ".tic"))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Replace("{HT}", "\t", StringComparison.Ordinal)).ToArray();

    /// <summary>A frame on the wire: STX, then LF group CR for each group, then ETX.</summary>
    public static byte[] Frame(IEnumerable<string> groups) =>
        Encoding.ASCII.GetBytes("\u0002" + string.Concat(groups.Select(g => "\n" + g + "\r")) + "\u0003");

    public static byte[] Body(IEnumerable<string> groups) => Frame(groups)[1..^1];

    public static (string Quantity, double Value, string Unit)[] Expected(string name) => File.ReadAllLines(PathOf(name + ".expected"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(' '))
        .Select(p => (p[0], double.Parse(p[1], CultureInfo.InvariantCulture), p[2]))
        .ToArray();
}
