using Autograd.Charts;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>
/// Writes student versions to a folder: one file per instructor notebook, never over a source
/// notebook or over any file that still holds solutions (another instructor notebook of the same name).
/// </summary>
internal static class StudentVersions
{
    /// <summary>
    /// Writes the student version of each notebook that has solution regions to its target path.
    /// A notebook named on the command line without regions is an
    /// error (it was named to be handed out); one found in a folder is passed over. The count of
    /// versions written comes back so that a caller can tell "nothing to hand out" from success.
    /// </summary>
    /// <returns>0, or 2 when a notebook could not be read, its markers do not pair up, or its output was refused.</returns>
    public static int Write(IReadOnlyList<(NotebookDocument Notebook, string Target, bool SolutionsRequired)> notebooks, TextWriter stdout, TextWriter stderr, out int count)
    {
        count = 0;
        HashSet<string> sources = [.. notebooks.Select(n => RealPath.Of(n.Notebook.Path))];
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        int exitCode = 0;
        foreach ((NotebookDocument notebook, string target, bool solutionsRequired) in notebooks)
        {
            string path = notebook.Path;
            try
            {
                if (!StudentVersion.HasSolutions(notebook))
                {
                    if (solutionsRequired)
                    {
                        throw new SolutionRegionException($"{path}: no {SolutionRegions.BeginMarker} region, so there is no student version to write.");
                    }

                    continue;
                }

                string json = NotebookWriter.Write(StudentVersion.Create(notebook));
                string resolved = RealPath.Of(target);
                if (sources.Contains(resolved))
                {
                    throw new SolutionRegionException($"{path}: its student version would replace a source notebook ({target}); choose another --out.");
                }

                if (written.TryGetValue(resolved, out string? other))
                {
                    throw new SolutionRegionException($"{path}: its student version would replace the one of {other} ({target}); give the notebooks different names.");
                }

                if (File.Exists(resolved) && File.ReadAllText(resolved).Contains(SolutionRegions.BeginMarker, StringComparison.Ordinal))
                {
                    throw new SolutionRegionException($"{path}: {target} exists and holds solutions (an instructor notebook?); it is not replaced. Choose another --out.");
                }

                AtomicFile.WriteAllText(target, json);
                written[resolved] = path;
                count++;
                string shown = Path.GetRelativePath(Environment.CurrentDirectory, target);
                stdout.WriteLine($"student version of {notebook.Name}: {(shown.StartsWith("..", StringComparison.Ordinal) ? target : shown)}");
            }
            catch (Exception e) when (e is SolutionRegionException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
            {
                stderr.WriteLine($"error: {e.Message}");
                exitCode = 2;
            }
        }

        return exitCode;
    }
}
