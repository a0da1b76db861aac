using System.Globalization;

namespace Lectures.Runner;

/// <summary>The <c>grade</c> verb's command line.</summary>
internal sealed record GradeOptions(string Submissions, string Assignment, string OutputDirectory, TimeSpan CellTimeout, int Jobs, bool Sandbox = true, long? Seed = null, GradeShard? Shard = null)
{
    public const string Usage = """
        Grades submitted exercise notebooks: runs each one in its own process with the assignment's check cells put back,
        and writes the grade table (submission by exercise) as CSV and as a web page.

        Usage: dotnet run --project src/Lectures.Runner -- grade SUBMISSIONS_DIR [--assignment NOTEBOOK] [--out DIR]
                                                                 [--cell-timeout SECONDS] [--jobs N] [--no-sandbox]

          SUBMISSIONS_DIR     a folder of submitted .ipynb files, one per student, searched with its subfolders
          --assignment NB     the instructor's notebook whose checks decide (default: notebooks/02-exercises.ipynb)
          --out DIR           where to write grades.csv, totals.csv, grades.html and submissions/ (each submission
                              executed, as .ipynb and .html) (default: artifacts/grades/ in the repository)
          --cell-timeout S    seconds a cell may run before the submission counts as timed out (default: 60)
          --jobs N            submissions graded at once (default: the number of cores)
          --shard K/N         grade every N-th submission in name order from the K-th, and write shard.json for
                              `grade merge` (see `grade merge --help`)
          --seed N            the seed of the checks' hidden inputs (default: a new random one per run; give every shard the same)
          --no-sandbox        run submissions with your own rights instead of in a bubblewrap sandbox each (said on every
                              line of output and at the top of grades.html)

        Exit code: 0 when grading completed, whatever the grades; 2 for bad usage, an unusable assignment or output folder,
        a library the assignment loads that is not built, or no sandbox (bubblewrap missing, user namespaces off); 130 or 143 when stopped by SIGINT or SIGTERM (no table written).
        """;

    /// <summary>A day: longer is a typo, and the timers cannot count that far anyway.</summary>
    private const double MaxCellTimeout = 86_400;

    public static GradeOptions? Parse(string[] args, string repositoryRoot, out string? error, out bool help)
    {
        error = null;
        help = false;
        string? submissions = null;
        string assignment = Path.Combine(repositoryRoot, "notebooks", "02-exercises.ipynb");
        string output = Path.Combine(repositoryRoot, "artifacts", "grades");
        double timeout = 60;
        int jobs = Environment.ProcessorCount;
        bool sandbox = true;
        long? seed = null;
        GradeShard? shard = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    help = true;
                    return null;
                case "--assignment" or "--out" when string.IsNullOrEmpty(value):
                    error = $"{args[i]} needs a {(args[i] == "--out" ? "folder" : "notebook")}.";
                    return null;
                case "--assignment":
                    assignment = args[++i];
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--cell-timeout":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out timeout) || !(timeout > 0) || timeout > MaxCellTimeout)
                    {
                        error = $"--cell-timeout needs a number of seconds above 0 and at most {MaxCellTimeout}{(value is null ? string.Empty : $", not '{value}'")}.";
                        return null;
                    }

                    i++;
                    break;
                case "--jobs":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) || jobs is < 1 or > 64)
                    {
                        error = $"--jobs needs a whole number from 1 to 64{(value is null ? string.Empty : $", not '{value}'")}.";
                        return null;
                    }

                    i++;
                    break;
                case "--seed":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long given))
                    {
                        error = $"--seed needs a whole number of 0 or more{(value is null ? string.Empty : $", not '{value}'")}.";
                        return null;
                    }

                    seed = given;
                    i++;
                    break;
                case "--shard":
                    shard = GradeShard.Parse(value, out error);
                    if (shard is null)
                    {
                        return null;
                    }

                    i++;
                    break;
                case "--no-sandbox":
                    sandbox = false;
                    break;
                case string option when option.StartsWith('-'):
                    error = $"Unknown option '{option}'.";
                    return null;
                default:
                    if (submissions is not null)
                    {
                        error = $"One submissions folder, please: '{submissions}' and '{args[i]}' were given.";
                        return null;
                    }

                    submissions = args[i];
                    break;
            }
        }

        if (submissions is null)
        {
            error = "Name the folder of submissions to grade.";
            return null;
        }

        if (!Directory.Exists(submissions))
        {
            error = File.Exists(submissions) ? $"{submissions} is a file; name the folder that holds the submissions." : $"{submissions}: no such folder.";
            return null;
        }

        return new GradeOptions(Path.GetFullPath(submissions), Path.GetFullPath(assignment), Path.GetFullPath(output), TimeSpan.FromSeconds(timeout), jobs, sandbox, seed, shard);
    }
}
