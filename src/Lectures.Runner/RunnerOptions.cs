using System.Globalization;

namespace Lectures.Runner;

/// <summary>The command line: notebooks or folders and the options below.</summary>
internal sealed record RunnerOptions(IReadOnlyList<string> Paths, string OutputDirectory, TimeSpan CellTimeout, int Jobs, long MemoryLimitBytes, bool CheckOnly, bool Sandbox = false)
{
    /// <summary>A day: a longer cell timeout is a typo, not a plan.</summary>
    public const double MaxCellTimeoutSeconds = 86_400;

    public const int MaxJobs = 64;

    public const long MinMemoryLimitMb = 256;

    public const long MaxMemoryLimitMb = 1L << 20;

    public static readonly string Usage = $"""
        Runs .NET Interactive C# notebooks headlessly, each in its own process, and writes each one executed (.ipynb) and as a static web page (.html).

        Usage: dotnet run --project src/Lectures.Runner -- [NOTEBOOK_OR_FOLDER ...] [options]

          NOTEBOOK_OR_FOLDER  .ipynb files, or folders searched for them (default: the repository's notebooks/);
                              outputs keep the notebooks' folders relative to what was given
          --out DIR           where to write the results (default: artifacts/lectures/ in the repository)
          --cell-timeout S    seconds a cell may run, from its start, before it is stopped and counted as failed (default: 300; at most {MaxCellTimeoutSeconds:0})
          --jobs N            notebooks run at once (default: the number of cores, {Environment.ProcessorCount} here; 1 to {MaxJobs})
          --memory-limit MB   heap limit of each notebook's process (default: {RunSettings.DefaultMemoryLimitBytes >> 20}; {MinMemoryLimitMb} to {MaxMemoryLimitMb})
          --sandbox           run each notebook in a bubblewrap sandbox, as grade runs submissions (for notebooks from elsewhere)
          --check             read and check the notebooks and options, run nothing

        Exit code: 0 when every cell of every notebook ran, 1 when a cell failed or a notebook's process ended
        (the other notebooks still run), 2 for bad usage, an unusable --out or a notebook that cannot be read
        (before anything runs), 130 or 143 when stopped by SIGINT or SIGTERM.
        Notebooks with // BEGIN SOLUTION regions also get a student version in student/ under --out.

        Other commands: `student --help` (write student versions), `grade --help` (grade submitted exercises).
        """;

    /// <summary>Parses the arguments; <paramref name="error"/> says what is wrong when it returns null.</summary>
    public static RunnerOptions? Parse(string[] args, string repositoryRoot, out string? error, out bool help)
    {
        error = null;
        help = false;
        var paths = new List<string>();
        string output = Path.Combine(repositoryRoot, "artifacts", "lectures");
        double timeout = 300;
        int jobs = Environment.ProcessorCount;
        long memoryMb = RunSettings.DefaultMemoryLimitBytes >> 20;
        bool check = false;
        bool sandbox = false;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    help = true;
                    return null;
                case "--check":
                    check = true;
                    break;
                case "--sandbox":
                    sandbox = true;
                    break;
                case "--out":
                    if (value is null)
                    {
                        error = "--out needs a folder.";
                        return null;
                    }

                    if (value.Trim().Length == 0)
                    {
                        error = "--out needs a folder, not an empty name.";
                        return null;
                    }

                    output = value;
                    i++;
                    break;
                case "--cell-timeout":
                    if (value is null || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out timeout) || !(timeout > 0) || timeout > MaxCellTimeoutSeconds)
                    {
                        error = string.Create(CultureInfo.InvariantCulture, $"--cell-timeout needs a number of seconds above 0 and at most {MaxCellTimeoutSeconds:0}{(value is null ? string.Empty : $", not '{value}'")}.");
                        return null;
                    }

                    i++;
                    break;
                case "--jobs":
                    if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) || jobs < 1 || jobs > MaxJobs)
                    {
                        error = string.Create(CultureInfo.InvariantCulture, $"--jobs needs a whole number from 1 to {MaxJobs}{(value is null ? string.Empty : $", not '{value}'")}.");
                        return null;
                    }

                    i++;
                    break;
                case "--memory-limit":
                    if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out memoryMb) || memoryMb < MinMemoryLimitMb || memoryMb > MaxMemoryLimitMb)
                    {
                        error = string.Create(CultureInfo.InvariantCulture, $"--memory-limit needs a whole number of megabytes from {MinMemoryLimitMb} to {MaxMemoryLimitMb}{(value is null ? string.Empty : $", not '{value}'")}.");
                        return null;
                    }

                    i++;
                    break;
                case string option when option.StartsWith('-') && option.Length > 1:
                    error = $"Unknown option '{option}'.";
                    return null;
                default:
                    if (args[i].Length == 0)
                    {
                        error = "An empty notebook or folder name was given.";
                        return null;
                    }

                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            paths.Add(Path.Combine(repositoryRoot, "notebooks"));
        }

        return new RunnerOptions(paths, Path.GetFullPath(output), TimeSpan.FromSeconds(timeout), jobs, memoryMb << 20, check, sandbox);
    }
}
