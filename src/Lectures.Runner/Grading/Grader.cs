using System.Diagnostics;
using System.Globalization;
using Autograd.Charts;
using Lectures.Runner.Execution;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Outputs;
using Lectures.Runner.Rendering;
using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Grading;

/// <summary>
/// Grading: runs every submission in its own worker process, cells after a failing one still
/// running, with the instructor's check cells put back, and writes the grade table. Whatever a
/// submission does (crash, hang, malformed JSON) is a row of the table, never the end of grading.
/// </summary>
internal static class Grader
{
    /// <summary>The start of every output line of a run without a sandbox, so no log of it reads like a sandboxed one.</summary>
    public const string NoSandboxMark = "[no sandbox] ";

    /// <summary>Grades the submissions; returns the exit code (0 when grading completed, whatever the grades).</summary>
    public static async Task<int> RunAsync(GradeOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        Assignment assignment;
        try
        {
            assignment = Assignment.Load(options.Assignment);
        }
        catch (Exception e) when (e is NotebookFormatException or SolutionRegionException or GradingException)
        {
            stderr.WriteLine($"error: the assignment cannot be graded against: {e.Message}");
            return 2;
        }

        // A library that is not built would fail every submission alike: say so once, before anything runs.
        IReadOnlyDictionary<int, string>? assignmentCode = LibraryReferences.Resolve(assignment.Notebook, out string? missing, out _);
        if (assignmentCode is null)
        {
            stderr.WriteLine($"error: {assignment.Name}: {missing}");
            return 2;
        }

        // Without a sandbox no submission runs, unless the teacher says so in as many words.
        SandboxPolicy? sandbox = null;
        if (options.Sandbox)
        {
            if (Bubblewrap.Problem() is { } problem)
            {
                stderr.WriteLine($"error: {problem}.");
                return 2;
            }

            // A sandbox has no network: the assignment's packages are restored now, outside it.
            if (await PackageRestore.EnsureAsync(PackageRestore.Packages(assignment.Notebook), SandboxPolicy.PackagesFolderOfUser(), cancellationToken) is { } unrestored)
            {
                stderr.WriteLine($"error: {assignment.Name}: the packages it loads could not be restored before grading, and a sandbox has no network to restore them: {unrestored}");
                return 2;
            }

            sandbox = SandboxPolicy.For(SandboxLimits.Default(options.MemoryLimitBytes), LibraryReferences.Folders(assignmentCode));
        }

        // Executed copies under --out are never taken for submissions, even when --out is inside the folder.
        string executedCopies = RealPath.Of(Path.Combine(options.OutputDirectory, "submissions"));
        List<NotebookSources.Source> submissions = [.. NotebookSources.Collect([options.Submissions], options.OutputDirectory).Found.Where(s => !RealPath.IsInside(s.RealPath, executedCopies))];
        if (submissions.Count == 0)
        {
            stderr.WriteLine($"error: no .ipynb files in {options.Submissions}.");
            return 2;
        }

        // A shard grades its part of the class in name order; the others grade the rest.
        if (options.Shard is { } part)
        {
            submissions = [.. part.Take(submissions)];
        }

        string? refused = CheckOutputs(options, submissions);
        if (refused is not null)
        {
            stderr.WriteLine($"error: {refused}");
            return 2;
        }

        string mark = sandbox is null ? NoSandboxMark : string.Empty;
        stdout.WriteLine(mark + string.Create(CultureInfo.InvariantCulture, $"grading {submissions.Count} submission(s) against {assignment.Name} ({assignment.Exercises.Count} exercises), {options.Jobs} at a time"));
        stdout.WriteLine(mark + (sandbox is null ? "submissions run WITHOUT a sandbox, with your rights (--no-sandbox)" : $"each submission in a sandbox of its own: {sandbox.Limits.Describe()}"));
        long seed = options.Seed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
        var settings = new RunSettings(options.CellTimeout, ContinueAfterFailure: true, MemoryLimitBytes: options.MemoryLimitBytes, Sandbox: sandbox, GradingSeed: seed);

        // Sandboxed workers start now, before their submissions are known, while the solution runs.
        using WarmPool? pool = sandbox is null ? null : new WarmPool(settings, options.Jobs);

        // The solution's answers on this run's hidden inputs, from a sandbox of its own, before any submission runs.
        (IReadOnlyDictionary<string, AnswerRecord>? references, string? unusable) = await ReferenceAnswers.RunAsync(assignment, settings, cancellationToken);
        if (references is null)
        {
            stderr.WriteLine($"error: the assignment cannot be graded against: {unusable}");
            return 2;
        }

        var rows = new SubmissionGrade[submissions.Count];
        int finished = 0;
        Stopwatch total = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, submissions.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    Stopwatch clock = Stopwatch.StartNew();
                    rows[i] = await GradeOneAsync(submissions[i], options, assignment, references, settings, pool, token);
                    string summary = rows[i].Exercises.Count == 0
                        ? rows[i].Run
                        : string.Join(", ", rows[i].Exercises.Values.GroupBy(g => g.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Text()}")) + $" ({rows[i].Run})";
                    int done = Interlocked.Increment(ref finished);
                    lock (stdout)
                    {
                        stdout.WriteLine(mark + string.Create(CultureInfo.InvariantCulture, $"  [{done}/{submissions.Count}] {rows[i].Submission}: {summary} {clock.Elapsed.TotalSeconds:0.0} s"));
                    }
                });
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"grading stopped after {finished} of {submissions.Count} submission(s); no table written.");
            return 130;
        }

        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "grades.csv"), GradeCsv.Grades(assignment.Exercises, rows));
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "totals.csv"), GradeCsv.Totals(assignment.Exercises, rows));
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "grades.html"), GradePage.Render(assignment.Name, assignment.Exercises, rows, sandbox?.Limits.Describe()));
        if (options.Shard is { } shard)
        {
            AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, GradeShard.FileName), GradeShard.Write(shard, assignment.Name, assignment.Exercises, sandbox?.Limits.Describe(), rows));
        }

        stdout.WriteLine(mark + string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(options.OutputDirectory, "grades.csv")}, totals.csv and grades.html ({total.Elapsed.TotalSeconds:0.0} s)"));
        return 0;
    }

    /// <summary>
    /// Grades one submission; anything wrong with it becomes its row. The copy that runs (the
    /// submission with the checks put back) is written where its executed version goes, so the
    /// teacher can open exactly what was graded.
    /// </summary>
    private static async Task<SubmissionGrade> GradeOneAsync(
        NotebookSources.Source submission, GradeOptions options, Assignment assignment, IReadOnlyDictionary<string, AnswerRecord> references, RunSettings settings,
        WarmPool? pool, CancellationToken cancellationToken)
    {
        try
        {
            return await GradeOneUnguardedAsync(submission, options, assignment, references, settings, pool, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One submission never ends grading, whatever it or the disk does: it becomes a row saying why.
            return SubmissionGrade.NotGraded(submission.Relative.Replace(Path.DirectorySeparatorChar, '/'), $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    private static async Task<SubmissionGrade> GradeOneUnguardedAsync(
        NotebookSources.Source submission, GradeOptions options, Assignment assignment, IReadOnlyDictionary<string, AnswerRecord> references, RunSettings settings,
        WarmPool? pool, CancellationToken cancellationToken)
    {
        string path = submission.Path;
        string name = submission.Relative.Replace(Path.DirectorySeparatorChar, '/');
        NotebookOutputs outputs = Outputs(options, submission);
        NotebookDocument graded;
        IReadOnlyDictionary<int, CheckCell> checks;
        IReadOnlyList<string> changed;
        try
        {
            (graded, checks, changed) = assignment.RestoreChecks(NotebookDocument.Load(path));
            graded = graded with { Path = outputs.Notebook };
            AtomicFile.WriteAllText(outputs.Notebook, NotebookWriter.Write(graded));
        }
        catch (Exception e) when (e is NotebookFormatException or GradingException)
        {
            return SubmissionGrade.Malformed(name, Reason(e.Message, path, outputs.Notebook));
        }

        NotebookRun run = await IsolatedNotebookRunner.RunAsync(graded, settings with { CheckCells = checks.Keys.ToHashSet() }, onCellFinished: null, cancellationToken, pool?.Take());
        cancellationToken.ThrowIfCancellationRequested();
        string? plotly = PlotlyScript.Read(run.PlotlyAssemblyPath);
        outputs.Write(run.Notebook, plotly);
        SubmissionGrade grade = SubmissionGrader.Grade(name, checks, run, Path.GetRelativePath(options.OutputDirectory, outputs.Page).Replace(Path.DirectorySeparatorChar, '/'), references, [.. run.Notebook.CodeCells.Select(c => c.Source)], changed);
        AtomicFile.WriteAllText(FeedbackPage.PathFor(outputs.Notebook), FeedbackPage.Render(run, checks, grade, plotly));
        return grade;
    }

    /// <summary>Where a submission's executed copy and page go: its path under the submissions folder, mirrored under <c>submissions/</c>.</summary>
    private static NotebookOutputs Outputs(GradeOptions options, NotebookSources.Source submission) =>
        NotebookOutputs.For(Path.Combine(options.OutputDirectory, "submissions"), submission.Relative, slides: false);

    /// <summary>
    /// Refuses, before anything runs, an output folder that cannot be written and any output that
    /// would land on a submission or on the assignment.
    /// </summary>
    private static string? CheckOutputs(GradeOptions options, List<NotebookSources.Source> submissions)
    {
        if (OutputFolder.Problem(options.OutputDirectory) is string unusable)
        {
            return $"--out {options.OutputDirectory}: {unusable}";
        }

        HashSet<string> sources = [RealPath.Of(options.Assignment), .. submissions.Select(s => s.RealPath)];
        IEnumerable<string> outputs = submissions.SelectMany(s => Outputs(options, s).Files.Append(FeedbackPage.PathFor(Outputs(options, s).Notebook)))
            .Concat(new[] { "grades.csv", "totals.csv", "grades.html" }.Select(f => Path.Combine(options.OutputDirectory, f)));
        string? clash = outputs.FirstOrDefault(o => sources.Contains(RealPath.Of(o)));
        return clash is null ? null : $"{clash} is a submission or the assignment; choose another --out, sources are never overwritten.";
    }

    /// <summary>A loader's message without the path it starts with: the row names the submission already.</summary>
    private static string Reason(string message, string path, string executedPath)
    {
        foreach (string prefix in new[] { path, executedPath, Path.GetFileName(path) })
        {
            if (message.StartsWith(prefix + ": ", StringComparison.Ordinal))
            {
                return message[(prefix.Length + 2)..];
            }
        }

        return message;
    }
}
