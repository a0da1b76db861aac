using System.CommandLine;
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

    public GradeCommand(string repositoryRoot)
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

            Exit code: 0 when grading completed, whatever the grades; 2 for bad usage, an unusable assignment or output folder, or a library the assignment loads that is not built; 130 or 143 when stopped by SIGINT or SIGTERM (no table written).
            """)
        {
            _submissions, _assignment, _out, _cellTimeout, _jobs, _memoryLimit,
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
            SharedOptions.Bytes(parsed, _memoryLimit));
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
