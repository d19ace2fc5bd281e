using System.Text;

namespace AsyncLint.Cli;

/// <summary>A small unified diff (longest common subsequence over lines) for <c>fix --dry-run</c>.</summary>
internal static class LineDiff
{
    private const int Context = 2;

    public static string Unified(string path, string before, string after)
    {
        var a = before.Replace("\r\n", "\n").Split('\n');
        var b = after.Replace("\r\n", "\n").Split('\n');

        // Trim the common prefix and suffix so the quadratic table covers only the changed middle.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        // Edit script over the whole files: ' ' kept, '-' removed, '+' added.
        var lines = new List<(char Kind, string Text)>();
        lines.AddRange(a.Take(prefix).Select(l => (' ', l)));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[prefix + x] == b[prefix + y])
            {
                lines.Add((' ', a[prefix + x++]));
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', a[prefix + x++]));
            }
            else
            {
                lines.Add(('+', b[prefix + y++]));
            }
        }

        lines.AddRange(a.Skip(a.Length - suffix).Select(l => (' ', l)));

        var output = new StringBuilder();
        output.Append("--- ").AppendLine(path).Append("+++ ").AppendLine(path);
        var index = 0;
        while (index < lines.Count)
        {
            if (lines[index].Kind == ' ')
            {
                index++;
                continue;
            }

            var start = Math.Max(0, index - Context);
            var end = index;
            while (end < lines.Count)
            {
                if (lines[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                var run = end;
                while (run < lines.Count && lines[run].Kind == ' ')
                {
                    run++;
                }

                if (run - end > 2 * Context || run == lines.Count)
                {
                    end = Math.Min(lines.Count, end + Context);
                    break;
                }

                end = run;
            }

            var oldStart = lines.Take(start).Count(l => l.Kind != '+') + 1;
            var newStart = lines.Take(start).Count(l => l.Kind != '-') + 1;
            var hunk = lines.Skip(start).Take(end - start).ToList();
            output.Append("@@ -").Append(oldStart).Append(',').Append(hunk.Count(l => l.Kind != '+'))
                .Append(" +").Append(newStart).Append(',').Append(hunk.Count(l => l.Kind != '-')).AppendLine(" @@");
            foreach (var (kind, text) in hunk)
            {
                output.Append(kind).AppendLine(text);
            }

            index = end;
        }

        return output.ToString();
    }
}
