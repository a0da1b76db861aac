namespace Lectures.Runner.Notebooks;

/// <summary>
/// The notebooks a run was given, each with the place its outputs go. Outputs keep the notebooks'
/// folders relative to the common folder of what was given (<c>week1/exercise.ipynb</c> and
/// <c>week2/exercise.ipynb</c> both survive), copies already under <c>--out</c> are not sources,
/// and no output may land on a source: every comparison is between real paths.
/// </summary>
internal sealed class NotebookSources
{
    private NotebookSources(List<Source> found, List<string> errors)
    {
        Found = found;
        Errors = errors;
    }

    /// <summary>A source notebook: its path as given, its real path, and its path relative to the outputs' root.</summary>
    public sealed record Source(string Path, string RealPath, string Relative);

    /// <summary>The notebooks found, in the order they run (ordinal by relative path).</summary>
    public IReadOnlyList<Source> Found { get; }

    /// <summary>Arguments that named nothing.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static NotebookSources Collect(IReadOnlyList<string> paths, string outputDirectory)
    {
        string realOut = RealPath.Of(outputDirectory);
        var errors = new List<string>();
        var roots = new List<string>();
        var files = new List<string>();
        foreach (string given in paths)
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
            if (Directory.Exists(full))
            {
                roots.Add(full);
                string realRoot = RealPath.Of(full);

                // An --out inside a scanned folder holds executed copies, not sources; an --out that
                // is the folder itself (or above it) is caught below as an output over a source.
                bool skipOut = RealPath.IsInside(realOut, realRoot) && realOut != realRoot;
                files.AddRange(Directory.EnumerateFiles(full, "*.ipynb", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 32 })
                    .Where(p => !p.Split(Path.DirectorySeparatorChar).Contains(".ipynb_checkpoints"))
                    .Where(p => !(skipOut && RealPath.IsInside(RealPath.Of(p), realOut))));
            }
            else if (File.Exists(full))
            {
                roots.Add(Path.GetDirectoryName(full)!);
                files.Add(full);
            }
            else
            {
                errors.Add($"{given}: no such notebook or folder.");
            }
        }

        string common = CommonFolder(roots);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Source>();
        foreach (string file in files)
        {
            string real = RealPath.Of(file);
            if (seen.Add(real))
            {
                found.Add(new Source(file, real, Path.GetRelativePath(common, file)));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return new NotebookSources(found, errors);
    }

    /// <summary>Each output that would land on a source notebook of this run, as a one-line refusal.</summary>
    /// <param name="outputsOf">The files a source's run writes.</param>
    public IEnumerable<string> OutputsOverSources(Func<Source, IEnumerable<string>> outputsOf)
    {
        var sources = Found.ToDictionary(s => s.RealPath, StringComparer.Ordinal);
        foreach (Source source in Found)
        {
            foreach (string output in outputsOf(source))
            {
                if (sources.TryGetValue(RealPath.Of(output), out Source? victim))
                {
                    yield return $"{source.Relative}: its output {output} is the source notebook {victim.Path}; a source notebook is never overwritten. Choose another --out.";
                }
            }
        }
    }

    private static string CommonFolder(List<string> folders)
    {
        if (folders.Count == 0)
        {
            return Environment.CurrentDirectory;
        }

        string[] common = folders[0].Split(Path.DirectorySeparatorChar);
        int length = common.Length;
        foreach (string folder in folders.Skip(1))
        {
            string[] parts = folder.Split(Path.DirectorySeparatorChar);
            length = Math.Min(length, parts.Length);
            for (int i = 0; i < length; i++)
            {
                if (parts[i] != common[i])
                {
                    length = i;
                    break;
                }
            }
        }

        string joined = string.Join(Path.DirectorySeparatorChar, common.Take(length));
        return joined.Length == 0 ? Path.DirectorySeparatorChar.ToString() : joined;
    }
}
