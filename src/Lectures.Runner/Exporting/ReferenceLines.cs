using System.Text.RegularExpressions;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Exporting;

/// <summary>
/// The kernel's lines that are not C#: <c>#r "nuget: Id, Version"</c> becomes <c>#:package Id@Version</c>,
/// <c>#r "path.dll"</c> of a project's build becomes <c>#:project</c> of that project (a file-based
/// app cannot load a dll by path), and magic commands (<c>#!</c>) are left out. Each such line is
/// replaced by an empty one, so the compiler's line numbers still match the notebook's.
/// </summary>
internal static partial class ReferenceLines
{
    /// <summary>
    /// Packages that only teach the notebook kernel to show something, with the library they show:
    /// a program has no kernel, so it takes the library.
    /// </summary>
    private static readonly Dictionary<string, string?> KernelExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Plotly.NET.Interactive"] = "Plotly.NET",
        ["Microsoft.DotNet.Interactive"] = null,
        ["Microsoft.DotNet.Interactive.CSharp"] = null,
        ["Microsoft.DotNet.Interactive.Formatting"] = null,
    };

    /// <summary>The cell's code without those lines; what they reference goes to <paramref name="references"/>.</summary>
    /// <exception cref="ExportException">A <c>#r</c> the app cannot reference (a dll no project builds).</exception>
    public static string Strip(NotebookCell cell, ExportSettings settings, AppReferences references, List<string> notes)
    {
        string[] lines = cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (Magic().Match(line) is { Success: true } magic)
            {
                if (!IsCSharpKernelName(magic.Groups["name"].Value))
                {
                    notes.Add($"cell {cell.Number} line {i + 1}: the magic command {line} has no equivalent in a program; it was left out");
                }

                lines[i] = string.Empty;
            }
            else if (Package().Match(line) is { Success: true } package)
            {
                AddPackage(cell, i, package.Groups["id"].Value, package.Groups["version"].Success ? package.Groups["version"].Value : "*", references, notes);
                lines[i] = string.Empty;
            }
            else if (Reference().Match(line) is { Success: true } reference)
            {
                AddAssembly(cell, i, reference.Groups["path"].Value, settings, references);
                lines[i] = string.Empty;
            }
            else if (line.StartsWith("#i ", StringComparison.Ordinal) || line.StartsWith("#r ", StringComparison.Ordinal))
            {
                throw new ExportException($"cell {cell.Number} line {i + 1}: {line} is not a package (#r \"nuget: Id, Version\") or a dll of a project (#r \"path.dll\"), the references a file-based app can have");
            }
        }

        return string.Join('\n', lines);
    }

    private static bool IsCSharpKernelName(string name) => name is "csharp" or "c#" or "C#";

    private static void AddPackage(NotebookCell cell, int line, string id, string version, AppReferences references, List<string> notes)
    {
        if (KernelExtensions.TryGetValue(id, out string? library))
        {
            notes.Add(library is null
                ? $"cell {cell.Number} line {line + 1}: {id} extends the notebook kernel, which a program does not have; it was left out"
                : $"cell {cell.Number} line {line + 1}: {id} extends the notebook kernel; the app references the library it extends, {library} {version}");
            if (library is not null)
            {
                references.AddPackage(library, version);
            }

            return;
        }

        references.AddPackage(id, version);
    }

    private static void AddAssembly(NotebookCell cell, int line, string dll, ExportSettings settings, AppReferences references)
    {
        string path = Path.GetFullPath(Path.Combine(settings.NotebookDirectory, dll));
        if (!Path.IsPathRooted(dll) && !File.Exists(path) && settings.RepositoryRoot is string root)
        {
            string fromNotebooks = Path.GetFullPath(Path.Combine(root, "notebooks", dll));
            if (ProjectOf(fromNotebooks) is not null)
            {
                path = fromNotebooks;
            }
        }

        string project = ProjectOf(path)
            ?? throw new ExportException($"cell {cell.Number} line {line + 1}: {dll} is not in a project's bin folder (looked for the .csproj above bin/ of {path}); a file-based app references projects and packages, not dlls");
        references.AddProject(project, path);
    }

    /// <summary>The project whose build folder holds <paramref name="dll"/>: the one .csproj in the folder above its <c>bin</c>.</summary>
    private static string? ProjectOf(string dll)
    {
        for (DirectoryInfo? dir = new FileInfo(dll).Directory; dir?.Parent is not null; dir = dir.Parent)
        {
            if (dir.Name == "bin")
            {
                string[] projects = dir.Parent.Exists ? Directory.GetFiles(dir.Parent.FullName, "*.csproj") : [];
                return projects.Length == 1 ? projects[0] : null;
            }
        }

        return null;
    }

    [GeneratedRegex("^#!(?<name>\\S+)")]
    private static partial Regex Magic();

    [GeneratedRegex("^#r\\s+\"nuget:\\s*(?<id>[^,\"\\s]+)\\s*(,\\s*(?<version>[^\"\\s]+)\\s*)?\"$")]
    private static partial Regex Package();

    [GeneratedRegex("^#r\\s+\"(?<path>[^\"]+\\.dll)\"$")]
    private static partial Regex Reference();
}
