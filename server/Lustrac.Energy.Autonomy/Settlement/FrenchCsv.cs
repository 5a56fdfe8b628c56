using System.Globalization;
using System.Text;

namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// CSV as French spreadsheets read it: ';' between fields, a decimal comma, dates dd/MM/yyyy, UTF-8 WITH a byte-order
/// mark (without it Excel opens the file as Windows-1252 and breaks "consommé"; LibreOffice accepts both).
/// </summary>
public static class FrenchCsv
{
    public const char Separator = ';';
    /// <summary>Invariant digits with a decimal comma: the build runs in invariant globalization mode, which has no fr-FR culture.</summary>
    public static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    /// <summary>Encoding of the files written: UTF-8 with its BOM.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>A number with a decimal comma and no thousands separator (a space in a number confuses imports).</summary>
    public static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), French);

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A field quoted when it holds the separator, a quote or a line break.</summary>
    public static string Field(string text) =>
        text.IndexOfAny([Separator, '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    public static string Line(params string[] fields) => string.Join(Separator, fields.Select(Field));

    /// <summary>The file's bytes: BOM, then the lines, each ended by CRLF (RFC 4180).</summary>
    public static byte[] Bytes(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var l in lines) text.Append(l).Append("\r\n");
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }
}
