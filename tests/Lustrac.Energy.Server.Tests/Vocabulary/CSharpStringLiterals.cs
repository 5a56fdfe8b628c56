using System.Text;

namespace Lustrac.Energy.Server.Tests.Vocabulary;

/// <summary>A string literal found in C# source: its text (escapes left as written) and its line.</summary>
public readonly record struct StringLiteral(string Text, int Line);

/// <summary>
/// The string literals of a C# file, outside comments and doc comments: enough of a lexer to tell <c>"x"</c> in code
/// from <c>// "x"</c>, to skip char literals such as <c>'"'</c>, and to read verbatim (<c>@"…"</c>) and raw (<c>"""…"""</c>) strings.
/// The code inside an interpolation hole is searched like any code.
/// </summary>
public static class CSharpStringLiterals
{
    public static List<StringLiteral> Of(string source)
    {
        var found = new List<StringLiteral>();
        int i = 0, line = 1;
        while (i < source.Length)
        {
            char c = source[i];
            if (c == '\n') { line++; i++; }
            else if (c == '/' && At(source, i + 1) == '/') { while (i < source.Length && source[i] != '\n') i++; }
            else if (c == '/' && At(source, i + 1) == '*') { i = Skip(source, i + 2, "*/", ref line); }
            else if (c == '\'') { i = CharLiteralEnd(source, i); }
            else if (c == '"' && At(source, i + 1) == '"' && At(source, i + 2) == '"')
            {
                int start = i, quotes = 0;
                while (At(source, i) == '"') { quotes++; i++; }
                var close = new string('"', quotes);
                int end = source.IndexOf(close, i, StringComparison.Ordinal);
                if (end < 0) end = source.Length;
                found.Add(new StringLiteral(source[i..end].Trim(), line));
                line += Count(source, start, end, '\n');
                i = Math.Min(source.Length, end + quotes);
            }
            else if (c == '"')
            {
                bool verbatim = At(source, i - 1) == '@' || (At(source, i - 1) == '$' && At(source, i - 2) == '@');
                bool interpolated = At(source, i - 1) == '$' || (At(source, i - 1) == '@' && At(source, i - 2) == '$');
                int start = line;
                var text = new StringBuilder();
                i++;
                while (i < source.Length)
                {
                    char s = source[i];
                    if (verbatim && s == '"' && At(source, i + 1) == '"') { text.Append("\"\""); i += 2; continue; }
                    if (!verbatim && s == '\\') { text.Append(s).Append(At(source, i + 1)); i += 2; continue; }
                    if (interpolated && s == '{' && At(source, i + 1) == '{') { text.Append("{{"); i += 2; continue; }
                    if (interpolated && s == '{')
                    {
                        int end = HoleEnd(source, i);
                        found.AddRange(Of(source[(i + 1)..end]).Select(l => l with { Line = l.Line + line - 1 }));
                        line += Count(source, i, end, '\n');
                        text.Append("{}");
                        i = end + 1;
                        continue;
                    }
                    if (s == '"' || (!verbatim && s == '\n')) break;
                    if (s == '\n') line++;
                    text.Append(s);
                    i++;
                }
                found.Add(new StringLiteral(text.ToString(), start));
                i++;
            }
            else i++;
        }
        return found;
    }

    /// <summary>The index of the brace closing the hole opened at <paramref name="open"/>, past nested braces and strings.</summary>
    private static int HoleEnd(string s, int open)
    {
        int depth = 0;
        for (int i = open; i < s.Length; i++)
        {
            if (s[i] == '"') { i = s.IndexOf('"', i + 1); if (i < 0) return s.Length - 1; }
            else if (s[i] == '{') depth++;
            else if (s[i] == '}' && --depth == 0) return i;
        }
        return s.Length - 1;
    }

    private static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';

    private static int Skip(string s, int from, string close, ref int line)
    {
        int end = s.IndexOf(close, from, StringComparison.Ordinal);
        if (end < 0) end = s.Length;
        line += Count(s, from, end, '\n');
        return Math.Min(s.Length, end + close.Length);
    }

    /// <summary>After a char literal ('x', '\n', '\u0041'); a lone apostrophe (none in C# code) is stepped over.</summary>
    private static int CharLiteralEnd(string s, int open)
    {
        int close = s.IndexOf('\'', open + (At(s, open + 1) == '\\' ? 3 : 2));
        return close > open && close - open <= 8 ? close + 1 : open + 1;
    }

    private static int Count(string s, int from, int to, char c)
    {
        int n = 0;
        for (int i = from; i < to && i < s.Length; i++) if (s[i] == c) n++;
        return n;
    }
}
