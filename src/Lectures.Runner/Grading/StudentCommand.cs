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
        var paths = new List<string>();
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
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            paths.Add(Path.Combine(repositoryRoot, "notebooks"));
        }

        string outputFolder = Path.GetFullPath(output);
        NotebookSources sources = NotebookSources.Collect(paths, outputFolder);
        if (sources.Errors.Count > 0)
        {
            return UsageError(sources.Errors[0], stderr);
        }

        // A notebook named on the command line was meant to have solutions; one found in a folder may not.
        HashSet<string> named = [.. paths.Where(File.Exists).Select(p => Path.GetFullPath(p))];
        List<(string, string, bool)> notebooks = [.. sources.Found.Select(s => (s.Path, Path.Combine(outputFolder, s.Relative), named.Contains(s.Path)))];
        int exitCode = StudentVersions.Write(notebooks, stdout, stderr, out int count);
        if (exitCode == 0 && count == 0)
        {
            stderr.WriteLine($"error: no notebook with a {SolutionRegions.BeginMarker} region in {string.Join(", ", paths)}.");
            return 2;
        }

        return exitCode;
    }

    private static int UsageError(string message, TextWriter stderr)
    {
        stderr.WriteLine($"error: {message}\n\n{Usage}");
        return 2;
    }
}
