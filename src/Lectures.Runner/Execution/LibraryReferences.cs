using System.Text.RegularExpressions;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Execution;

/// <summary>
/// The <c>#r "path.dll"</c> lines of a notebook. The lecture notebooks load this repository's
/// build by a path relative to <c>notebooks/</c>; a copy saved elsewhere (a student's submission
/// in <c>/tmp/x/</c>) keeps that line, so a path that does not resolve from the notebook's folder
/// is resolved from the repository's <c>notebooks/</c> folder and given to the kernel absolute.
/// </summary>
internal static partial class LibraryReferences
{
    /// <summary>The repository this runner was built from (the folder with Lectures.sln above the executable), or null.</summary>
    public static string? RepositoryRoot { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>
    /// The code to send to the kernel for each code cell (by cell number), with library paths
    /// made absolute where needed; null with <paramref name="missing"/> set when a dll is nowhere.
    /// </summary>
    public static IReadOnlyDictionary<int, string>? Resolve(NotebookDocument notebook, out string? missing, out int? missingCell)
    {
        missing = null;
        missingCell = null;
        string folder = notebook.Folder;
        string? fallback = RepositoryRoot is null ? null : Path.Combine(RepositoryRoot, "notebooks");
        var code = new Dictionary<int, string>();
        foreach (NotebookCell cell in notebook.CodeCells)
        {
            string? problem = null;
            string source = DllReference().Replace(cell.Source, match =>
            {
                string dll = match.Groups["path"].Value;
                if (File.Exists(Path.Combine(folder, dll)))
                {
                    // Absolute, so that a sandboxed worker, whose working folder is not the notebook's, finds it too.
                    return Path.IsPathRooted(dll) ? match.Value : match.Value.Replace(dll, Path.GetFullPath(Path.Combine(folder, dll)), StringComparison.Ordinal);
                }

                string? elsewhere = fallback is null || Path.IsPathRooted(dll) ? null : Path.GetFullPath(Path.Combine(fallback, dll));
                if (elsewhere is not null && File.Exists(elsewhere))
                {
                    return match.Value.Replace(dll, elsewhere, StringComparison.Ordinal);
                }

                problem ??= Missing(notebook, cell, dll, folder, elsewhere);
                return match.Value;
            });
            if (problem is not null)
            {
                missing = problem;
                missingCell = cell.Number;
                return null;
            }

            code[cell.Number] = source;
        }

        return code;
    }

    /// <summary>The folders of the dlls that resolved code loads: what a sandboxed worker must see to run it.</summary>
    public static IEnumerable<string> Folders(IReadOnlyDictionary<int, string> code) =>
        code.Values.SelectMany(c => DllReference().Matches(c)).Select(m => Path.GetDirectoryName(m.Groups["path"].Value)!).Distinct(StringComparer.Ordinal);

    private static string Missing(NotebookDocument notebook, NotebookCell cell, string dll, string folder, string? elsewhere)
    {
        string looked = elsewhere is null ? Path.GetFullPath(Path.Combine(folder, dll)) : $"{Path.GetFullPath(Path.Combine(folder, dll))} or {elsewhere}";
        return dll.Contains("Autograd", StringComparison.Ordinal)
            ? $"cell {cell.Number} loads {dll}, which has not been built (looked for {looked}). Build it with `dotnet build src/Autograd.Charts` (dotnet run --project src/Lectures.Runner builds it before running)."
            : $"cell {cell.Number} loads {dll}, which does not exist (looked for {looked}).";
    }

    private static string? FindRoot(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lectures.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    [GeneratedRegex("^\\s*#r\\s+\"(?!nuget:)(?<path>[^\"]+\\.dll)\"", RegexOptions.Multiline)]
    private static partial Regex DllReference();
}
