using System.Globalization;

namespace Lectures.Runner;

/// <summary>The command line: notebooks or folders, <c>--out DIR</c>, <c>--cell-timeout SECONDS</c>.</summary>
internal sealed record RunnerOptions(IReadOnlyList<string> Paths, string OutputDirectory, TimeSpan CellTimeout)
{
    public const string Usage = """
        Runs .NET Interactive C# notebooks headlessly and writes each one executed (.ipynb) and as a static web page (.html).

        Usage: dotnet run --project src/Lectures.Runner -- [NOTEBOOK_OR_FOLDER ...] [--out DIR] [--cell-timeout SECONDS]

          NOTEBOOK_OR_FOLDER  .ipynb files, or folders searched for them (default: the repository's notebooks/)
          --out DIR           where to write the results (default: artifacts/lectures/ in the repository)
          --cell-timeout S    seconds a cell may run before it is stopped and counted as failed (default: 300)

        Exit code: 0 when every cell of every notebook ran, 1 when a cell failed, 2 for bad usage or a notebook that cannot be read.
        """;

    /// <summary>Parses the arguments; <paramref name="error"/> says what is wrong when it returns null.</summary>
    public static RunnerOptions? Parse(string[] args, string repositoryRoot, out string? error, out bool help)
    {
        error = null;
        help = false;
        var paths = new List<string>();
        string output = Path.Combine(repositoryRoot, "artifacts", "lectures");
        double timeout = 300;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    help = true;
                    return null;
                case "--out":
                    if (i + 1 >= args.Length)
                    {
                        error = "--out needs a folder.";
                        return null;
                    }

                    output = args[++i];
                    break;
                case "--cell-timeout":
                    if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out timeout) || !(timeout > 0) || double.IsInfinity(timeout))
                    {
                        error = $"--cell-timeout needs a positive number of seconds{(i + 1 < args.Length ? $", not '{args[i + 1]}'" : string.Empty)}.";
                        return null;
                    }

                    i++;
                    break;
                case string option when option.StartsWith('-'):
                    error = $"Unknown option '{option}'.";
                    return null;
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            paths.Add(Path.Combine(repositoryRoot, "notebooks"));
        }

        return new RunnerOptions(paths, Path.GetFullPath(output), TimeSpan.FromSeconds(timeout));
    }
}
