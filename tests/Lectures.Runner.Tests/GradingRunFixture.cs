namespace Lectures.Runner.Tests;

/// <summary>
/// One class of submissions made from the instructor's exercises notebook, graded once by the
/// runner's <c>grade</c> verb, for all the grading tests: right, not touched, half done, wrong, one that returns the lecture's answers whatever it is asked,
/// one that overflows the stack, one that never finishes, and two that are not notebooks.
/// </summary>
public sealed class GradingRunFixture : IDisposable
{
    public const string Assignment = "notebooks/02-exercises.ipynb";

    /// <summary>Short, so the endless submission costs little; far above any cell of the assignment, a sandboxed package restore on a busy machine included.</summary>
    public const string CellTimeoutSeconds = "60";

    /// <summary>A name a spreadsheet would run as a formula if the CSV let it.</summary>
    public const string FormulaName = "=HYPERLINK(\"evil.example\",\"click\"),@x.ipynb";

    private readonly string _folder = Directory.CreateTempSubdirectory("grading").FullName;

    public GradingRunFixture()
    {
        string instructor = Path.Combine(Repository.Root, Assignment);
        string studentFolder = Path.Combine(_folder, "handout");
        StudentRun = Runner.Run(_folder, "student", instructor, "--out", studentFolder);
        StudentVersion = File.ReadAllText(Path.Combine(studentFolder, Path.GetFileName(instructor)));
        Generator = new SubmissionGenerator(File.ReadAllText(instructor), StudentVersion);

        // Outside the repository, as a teacher collects them; one in a subfolder.
        Submissions = Path.Combine(_folder, "collected");
        Directory.CreateDirectory(Path.Combine(Submissions, "late"));
        Write("right.ipynb", Generator.Right());
        Write("untouched.ipynb", Generator.Untouched());
        Write("half-done.ipynb", Generator.HalfDone());
        Write("late/wrong.ipynb", Generator.Wrong());
        Write("stack-overflow.ipynb", Generator.WithCellAfterFirstCheck("deeper", "static int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)"));
        Write("never-finishes.ipynb", Generator.WithCellAfterFirstCheck("forever", "while (true) { }"));
        Write("malformed.ipynb", Generator.Right()[..200]);
        // The answers that fit the lecture's numbers, returned whatever is asked.
        Write("lecture-answers.ipynb", Generator.WithCellReplaced("int FindDrawsBefore(", "int FindDrawsBefore(double lectureGradX, double lectureGradY) => 1604;\n\nint RunsBefore(int drawsBefore) => 7;"));
        Write(FormulaName, "{\"cells\": []}");

        Output = Path.Combine(_folder, "grades");
        Result = Runner.Run(_folder, "grade", Submissions, "--assignment", instructor, "--out", Output, "--cell-timeout", CellTimeoutSeconds, "--jobs", "2");
        CsvText = File.Exists(Path.Combine(Output, "grades.csv")) ? File.ReadAllText(Path.Combine(Output, "grades.csv")) : string.Empty;
        Rows = CsvText.Length == 0 ? [] : Csv.Parse(CsvText);
    }

    public SubmissionGenerator Generator { get; }

    public RunResult StudentRun { get; }

    public string StudentVersion { get; }

    public string Submissions { get; }

    public string Output { get; }

    public RunResult Result { get; }

    public string CsvText { get; }

    /// <summary>grades.csv, header first.</summary>
    public List<string[]> Rows { get; }

    /// <summary>A submission's row as column name to value.</summary>
    public Dictionary<string, string> Row(string submission)
    {
        string[] header = Rows[0];
        string[] row = Rows.Single(r => r[0] == submission);
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(Submissions, name), text);
}

[CollectionDefinition(Name)]
public sealed class GradingRunCollection : ICollectionFixture<GradingRunFixture>
{
    public const string Name = "One grading run of generated submissions";
}
