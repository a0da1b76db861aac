namespace Lectures.Runner;

/// <summary>The <c>student</c> verb: writes the student versions of instructor notebooks on demand.</summary>
internal static class StudentCommand
{
    public const string Usage = """
        Writes the student version of instructor notebooks: each region between // BEGIN SOLUTION and // END SOLUTION
        becomes `throw new NotImplementedException();`, outputs are cleared, cell ids and metadata are kept.

        Usage: dotnet run --project src/Lectures.Runner -- student [NOTEBOOK_OR_FOLDER ...] [--out DIR]

          NOTEBOOK_OR_FOLDER  instructor notebooks, or folders searched for notebooks with solution regions
                              (default: the repository's notebooks/)
          --out DIR           where to write them, under each notebook's file name (default: artifacts/lectures/student/)

        Exit code: 0 when every student version was written, 2 for bad usage, an unreadable notebook, markers that do
        not pair up, or an output that would replace a source.
        """;

    public static int Run(string[] args, string repositoryRoot, TextWriter stdout, TextWriter stderr)
    {
        string output = Path.Combine(repositoryRoot, "artifacts", "lectures", "student");
        var files = new List<string>();
        var folders = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    stdout.WriteLine(Usage);
                    return 0;
                case "--out" when i + 1 < args.Length && args[i + 1].Length > 0:
                    output = args[++i];
                    break;
                case "--out":
                    return UsageError("--out needs a folder.", stderr);
                case string option when option.StartsWith('-'):
                    return UsageError($"Unknown option '{option}'.", stderr);
                case string path when Directory.Exists(path):
                    folders.Add(path);
                    break;
                case string path when File.Exists(path):
                    files.Add(path);
                    break;
                default:
                    return UsageError($"{args[i]}: no such notebook or folder.", stderr);
            }
        }

        if (files.Count == 0 && folders.Count == 0)
        {
            folders.Add(Path.Combine(repositoryRoot, "notebooks"));
        }

        string outputFolder = Path.GetFullPath(output);
        List<(string, bool)> notebooks = [.. files.Select(f => (f, true)), .. folders.SelectMany(FindNotebooks).Where(p => !IsInside(p, outputFolder)).Select(p => (p, false))];
        int exitCode = StudentVersions.Write(notebooks, outputFolder, stdout, stderr, out int count);
        if (exitCode == 0 && count == 0)
        {
            stderr.WriteLine($"error: no notebook with a {SolutionRegions.BeginMarker} region in {string.Join(", ", folders)}.");
            return 2;
        }

        return exitCode;
    }

    /// <summary>The notebooks under a folder, in a stable order, without editors' checkpoint copies.</summary>
    public static IEnumerable<string> FindNotebooks(string folder) =>
        Directory.EnumerateFiles(folder, "*.ipynb", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Contains(".ipynb_checkpoints"))
            .Order(StringComparer.Ordinal);

    /// <summary>True when <paramref name="path"/> lies in <paramref name="folder"/> once links are resolved.</summary>
    public static bool IsInside(string path, string folder)
    {
        string file = ResolvedPath.Of(path);
        string directory = ResolvedPath.Of(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return file.StartsWith(directory, StringComparison.Ordinal);
    }

    private static int UsageError(string message, TextWriter stderr)
    {
        stderr.WriteLine($"error: {message}\n\n{Usage}");
        return 2;
    }
}
