using System.Text;
using System.Text.RegularExpressions;

namespace Lectures.Browser;

/// <summary>
/// The kernel directives of a cell (<c>#r "nuget: ..."</c>, <c>#r "path"</c>, <c>#!csharp</c>), which are
/// not C#: in the browser nothing can be restored or read from disk, so each reference must be one of
/// the assemblies the site serves, and says which one it got. Directive lines become empty lines, so
/// the compiler's line numbers are the cell's own.
/// </summary>
public static partial class CellDirectives
{
    /// <summary>Package names (lower case) the site's own assemblies stand for, with what they are.</summary>
    private static readonly Dictionary<string, string> s_packages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Plotly.NET"] = "Plotly.NET 6.0.0",
        ["Plotly.NET.Interactive"] = "Plotly.NET 6.0.0 (the page draws its charts)",
        ["Plotly.NET.CSharp"] = "Plotly.NET.CSharp 0.14.0",
    };

    /// <summary>Assembly file names a <c>#r "path"</c> may name: the course's library and its charts.</summary>
    private static readonly HashSet<string> s_files = new(StringComparer.OrdinalIgnoreCase) { "Autograd.dll", "Autograd.Charts.dll" };

    /// <summary>The cell's C# with its directive lines blanked, the notes they give, and the first refused one.</summary>
    public static (string Code, IReadOnlyList<string> Notes, string? Refusal) Apply(string cell)
    {
        var code = new StringBuilder(cell.Length);
        var notes = new List<string>();
        string? refusal = null;
        string[] lines = cell.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            string trimmed = line.Trim();
            if (i > 0)
            {
                code.Append('\n');
            }

            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                if (trimmed is not ("#!csharp" or "#!c#" or "#!C#"))
                {
                    refusal ??= $"line {i + 1}: {trimmed} is a kernel command this page does not have (only C# runs here).";
                }

                continue;
            }

            if (ReferenceLine().Match(trimmed) is not { Success: true } reference)
            {
                code.Append(line);
                continue;
            }

            string target = reference.Groups["target"].Value.Trim();
            if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            {
                string package = target["nuget:".Length..].Split(',')[0].Trim();
                if (s_packages.TryGetValue(package, out string? served))
                {
                    notes.Add($"#r \"{target}\": served by this site: {served}.");
                }
                else
                {
                    refusal ??= $"line {i + 1}: package {package} is not on this site, which cannot download packages; it serves {string.Join(", ", s_packages.Keys)} and the course's library.";
                }

                continue;
            }

            string file = Path.GetFileName(target.Replace('\\', '/'));
            if (s_files.Contains(file))
            {
                notes.Add($"#r \"{target}\": served by this site: {file}.");
            }
            else
            {
                refusal ??= $"line {i + 1}: {target} is not on this site, which cannot read files from disk; it serves {string.Join(", ", s_files)}.";
            }
        }

        return (code.ToString(), notes, refusal);
    }

    [GeneratedRegex("""^#r\s+"(?<target>[^"]*)"\s*$""")]
    private static partial Regex ReferenceLine();
}
