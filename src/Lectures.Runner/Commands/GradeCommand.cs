using System.CommandLine;
using System.Globalization;
using Lectures.Runner.Grading;

namespace Lectures.Runner.Commands;

/// <summary>The <c>grade</c> verb: grades a folder of submitted exercise notebooks (see <see cref="Grader"/>).</summary>
internal sealed class GradeCommand : IRunnerCommand
{
    private readonly Argument<string[]> _submissions = SharedOptions.Paths("SUBMISSIONS_DIR", "a folder of submitted .ipynb files, one per student, searched with its subfolders");
    private readonly Option<string> _assignment;
    private readonly Option<string> _out;
    private readonly Option<double> _cellTimeout = SharedOptions.CellTimeout("seconds a cell may run before the submission counts as timed out", 60);
    private readonly Option<int> _jobs = SharedOptions.Jobs("submissions graded at once");
    private readonly Option<long> _memoryLimit = SharedOptions.MemoryLimit();
    private readonly Option<bool> _noSandbox = new("--no-sandbox")
    {
        Description = "run submissions with your own rights instead of in a bubblewrap sandbox each (said on every line of output and at the top of grades.html)",
    };

    private readonly Option<GradeShard?> _shard = SharedOptions.Define<GradeShard?>(
        "--shard", "K/N", "grade every N-th submission in name order from the K-th, and write shard.json for `grade merge`", null,
        (string value, out GradeShard? shard) => (shard = GradeShard.Parse(value, out _)) is not null,
        value => { _ = GradeShard.Parse(value, out string? error); return error!; });

    private readonly Option<long?> _seed = SharedOptions.Define<long?>(
        "--seed", "N", "the seed of the checks' hidden inputs (default: a new random one per run; give every shard the same)", null,
        (string value, out long? seed) => (seed = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long given) ? given : null) is not null,
        value => $"--seed needs a whole number of 0 or more{(value is null ? string.Empty : $", not '{value}'")}.");

    /// <param name="repositoryRoot">The repository whose exercises notebook and artifacts folder are the defaults.</param>
    /// <param name="merge">The <c>grade merge</c> sub-verb.</param>
    public GradeCommand(string repositoryRoot, GradeMergeCommand merge)
    {
        _assignment = SharedOptions.Define(
            "--assignment", "NOTEBOOK", "the instructor's notebook whose checks decide", Path.Combine(repositoryRoot, "notebooks", "02-exercises.ipynb"),
            (string value, out string notebook) => (notebook = value).Length > 0,
            _ => "--assignment needs a notebook.");
        _out = SharedOptions.Out(
            "where to write grades.csv, totals.csv, grades.html and submissions/ (each submission executed, as .ipynb and .html)",
            Path.Combine(repositoryRoot, "artifacts", "grades"));
        Command = new Command("grade", """
            Grades submitted exercise notebooks: runs each one in its own process with the assignment's check cells put back, and writes the grade table (submission by exercise) as CSV and as a web page.

            Each submission runs in a bubblewrap sandbox of its own; its checks send answers, which are compared here with the solution's on the same hidden inputs.

            Exit code: 0 when grading completed, whatever the grades; 2 for bad usage, an unusable assignment or output folder, a library the assignment loads that is not built, or no sandbox (bubblewrap missing, user namespaces off); 130 or 143 when stopped by SIGINT or SIGTERM (no table written).
            """)
        {
            _submissions, _assignment, _out, _cellTimeout, _jobs, _memoryLimit, _shard, _seed, _noSandbox, merge.Command,
        };
    }

    public Command Command { get; }

    /// <summary>The checked options of a parsed command line.</summary>
    /// <exception cref="UsageException">No folder, several, or one that is not there.</exception>
    public GradeOptions Bind(ParseResult parsed)
    {
        string submissions = (parsed.GetValue(_submissions) ?? []) switch
        {
            [] => throw new UsageException("Name the folder of submissions to grade."),
            [string one] => one,
            [string first, string second, ..] => throw new UsageException($"One submissions folder, please: '{first}' and '{second}' were given."),
        };
        if (!Directory.Exists(submissions))
        {
            throw new UsageException(File.Exists(submissions) ? $"{submissions} is a file; name the folder that holds the submissions." : $"{submissions}: no such folder.");
        }

        return new GradeOptions(
            Path.GetFullPath(submissions),
            Path.GetFullPath(parsed.GetRequiredValue(_assignment)),
            Path.GetFullPath(parsed.GetRequiredValue(_out)),
            SharedOptions.Timeout(parsed, _cellTimeout),
            parsed.GetValue(_jobs),
            SharedOptions.Bytes(parsed, _memoryLimit),
            Sandbox: !parsed.GetValue(_noSandbox),
            Seed: parsed.GetValue(_seed),
            Shard: parsed.GetValue(_shard));
    }

    /// <summary>Grades; SIGINT or SIGTERM stops the workers and writes no table (exit 130 or 143).</summary>
    public async Task<int> RunAsync(ParseResult parsed, CommandContext context)
    {
        GradeOptions options = Bind(parsed);
        using var signals = new StopSignals();
        int exitCode = await Grader.RunAsync(options, context.Out, context.Err, signals.Token);
        return signals.ExitCode != 0 ? signals.ExitCode : exitCode;
    }
}
