namespace Lectures.Runner.Tests;

/// <summary>
/// One sandboxed grading run of <c>06-neural-network-exercises.ipynb</c>, as <see cref="GradingRunFixture"/>
/// grades <c>02-exercises.ipynb</c>, with few submissions: the instructor's notebook, the handout
/// untouched, and one whose functions give back the answers the checks get in the editor.
/// </summary>
public sealed class NeuralNetworkGradingFixture : IDisposable
{
    public const string Assignment = "notebooks/06-neural-network-exercises.ipynb";

    public const string EditorAnswers = "editor-answers.ipynb";

    private readonly string _folder = Directory.CreateTempSubdirectory("nn-grading").FullName;

    public NeuralNetworkGradingFixture()
    {
        string instructor = Path.Combine(Repository.Root, Assignment);
        string handout = Path.Combine(_folder, "handout");
        RunResult student = Runner.Run(_folder, "student", instructor, "--out", handout);
        Assert.True(student.ExitCode == 0, student.ToString());
        string instructorJson = File.ReadAllText(instructor);
        Generator = new SubmissionGenerator(instructorJson, File.ReadAllText(Path.Combine(handout, Path.GetFileName(instructor))));

        string submissions = Path.Combine(_folder, "collected");
        Directory.CreateDirectory(submissions);
        File.WriteAllText(Path.Combine(submissions, "right.ipynb"), Generator.Right());
        File.WriteAllText(Path.Combine(submissions, "untouched.ipynb"), Generator.Untouched());
        File.WriteAllText(Path.Combine(submissions, EditorAnswers), EditorAnswersSubmission.Make(instructorJson));

        Output = Path.Combine(_folder, "grades");
        Result = Runner.Run(_folder, "grade", submissions, "--assignment", instructor, "--out", Output, "--cell-timeout", GradingRunFixture.CellTimeoutSeconds, "--jobs", "2");
        Rows = File.Exists(Path.Combine(Output, "grades.csv")) ? Csv.Parse(File.ReadAllText(Path.Combine(Output, "grades.csv"))) : [];
    }

    public SubmissionGenerator Generator { get; }

    public string Output { get; }

    public RunResult Result { get; }

    /// <summary>grades.csv, header first.</summary>
    public List<string[]> Rows { get; }

    /// <summary>A submission's row as column name to value.</summary>
    public Dictionary<string, string> Row(string submission)
    {
        string[] row = Rows.Single(r => r[0] == submission);
        return Rows[0].Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>The executed copy of a submission, as the grader keeps it.</summary>
    public string Executed(string submission) => Path.Combine(Output, "submissions", submission);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class NeuralNetworkGradingCollection : ICollectionFixture<NeuralNetworkGradingFixture>
{
    public const string Name = "One grading run of the neural-network exercises";
}
