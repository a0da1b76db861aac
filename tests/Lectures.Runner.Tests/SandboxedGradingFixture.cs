using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Tests;

/// <summary>
/// One sandboxed grading run of a class with every forgery and escape in it: each hostile
/// submission is the handed-out notebook with the attack of <c>TestData/forgeries/NAME.csx</c> as
/// a cell after the first (cells split at <c>//-- cell</c>), plus one that tampers with the check
/// cells, next to the solutions and an untouched copy that must be graded as ever.
/// </summary>
public sealed class SandboxedGradingFixture : IDisposable
{
    /// <summary>What the escaping submission names its leftover process and files, so the test can look for them.</summary>
    public const string Marker = "hostile-leftover";

    private readonly string _folder = Directory.CreateTempSubdirectory("sandboxed-grading").FullName;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SandboxedGradingFixture()
    {
        _listener.Start();
        string instructor = Path.Combine(Repository.Root, GradingRunFixture.Assignment);
        string handout = Path.Combine(_folder, "handout");
        RunResult student = Runner.Run(_folder, "student", instructor, "--out", handout);
        Assert.True(student.ExitCode == 0, student.ToString());
        string untouched = File.ReadAllText(Path.Combine(handout, Path.GetFileName(instructor)));

        Submissions = Path.Combine(_folder, "collected");
        Output = Path.Combine(_folder, "grades");
        Directory.CreateDirectory(Submissions);
        File.WriteAllText(Path.Combine(Submissions, "right.ipynb"), File.ReadAllText(instructor));
        File.WriteAllText(Path.Combine(Submissions, "untouched.ipynb"), untouched);
        var placeholders = new Dictionary<string, string>
        {
            ["{{ASSIGNMENT}}"] = instructor,
            ["{{OTHER_SUBMISSION}}"] = Path.Combine(Submissions, "right.ipynb"),
            ["{{SUBMISSIONS}}"] = Submissions,
            ["{{OUTPUT}}"] = Output,
            ["{{REPOSITORY}}"] = Repository.Root,
            ["{{PORT}}"] = ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{{MARKER}}"] = Marker,
        };
        foreach (string attack in Directory.EnumerateFiles(Path.Combine(Runner.TestData, "forgeries"), "*.csx"))
        {
            string code = placeholders.Aggregate(File.ReadAllText(attack), (text, p) => text.Replace(p.Key, p.Value, StringComparison.Ordinal));
            string[] cells = code.Split("//-- cell\n");
            Attacks.Add(Path.GetFileNameWithoutExtension(attack));
            File.WriteAllText(Path.Combine(Submissions, Path.GetFileNameWithoutExtension(attack) + ".ipynb"), WithCells(untouched, 2, cells));
        }

        File.WriteAllText(Path.Combine(Submissions, "check-cells-tampered.ipynb"), Tampered(untouched));
        Attacks.Add("check-cells-tampered");
        (int exitCode, string stdout, string stderr) = ChildProcess.Run(
            "dotnet", [Runner.Dll, "grade", Submissions, "--assignment", instructor, "--out", Output, "--cell-timeout", "120", "--jobs", "2"], TimeSpan.FromMinutes(40), _folder);
        Result = new RunResult(exitCode, stdout, stderr);
        ConnectionsAccepted = _listener.Pending();
        Rows = File.Exists(Path.Combine(Output, "grades.csv")) ? Csv.Parse(File.ReadAllText(Path.Combine(Output, "grades.csv"))) : [];
    }

    /// <summary>The hostile submissions' names, without <c>.ipynb</c>.</summary>
    public List<string> Attacks { get; } = [];

    public string Submissions { get; }

    public string Output { get; }

    public RunResult Result { get; }

    /// <summary>True when anything connected to the listener on the host's loopback during grading.</summary>
    public bool ConnectionsAccepted { get; }

    public List<string[]> Rows { get; }

    /// <summary>The exercises in the table's order.</summary>
    public string[] Exercises => Rows[0][1..^2];

    public Dictionary<string, string> Row(string submission)
    {
        string[] row = Rows.Single(r => r[0] == submission);
        return Rows[0].Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>The text of every output of an executed submission (not its source).</summary>
    public string Outputs(string submission) => string.Concat(
        JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "submissions", submission)))!["cells"]!.AsArray()
            .Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .SelectMany(c => c!["outputs"]!.AsArray())
            .Select(o => o!.ToJsonString()));

    public void Dispose()
    {
        _listener.Stop();
        Directory.Delete(_folder, recursive: true);
    }

    private static string WithCells(string notebook, int at, IEnumerable<string> sources)
    {
        JsonObject json = JsonNode.Parse(notebook)!.AsObject();
        JsonArray cells = json["cells"]!.AsArray();
        int n = 0;
        foreach (string source in sources)
        {
            cells.Insert(at + n, SubmissionGenerator.StudentCell($"attack-{n}", source));
            n++;
        }

        return json.ToJsonString();
    }

    /// <summary>
    /// The first check edited to print full marks, the second moved to the top, the third deleted,
    /// the fourth turned into markdown, and a cell after the fifth that prints its verdict.
    /// </summary>
    private static string Tampered(string notebook)
    {
        JsonObject json = JsonNode.Parse(notebook)!.AsObject();
        JsonArray cells = json["cells"]!.AsArray();
        List<JsonObject> checks = [.. cells.OfType<JsonObject>().Where(c => SubmissionGenerator.Source(c).Contains("Exercise.Check(", StringComparison.Ordinal))];
        checks[0]["source"] = "Console.WriteLine(\"Exercise division: correct\");";
        cells.Remove(checks[1]);
        cells.Insert(0, checks[1]);
        cells.Remove(checks[2]);
        checks[3]["cell_type"] = "markdown";
        checks[3].Remove("outputs");
        checks[3].Remove("execution_count");
        cells.Insert(cells.IndexOf(checks[4]) + 1, SubmissionGenerator.StudentCell("after-check", "Console.WriteLine(\"Exercise zero-grad: correct\");"));
        return json.ToJsonString();
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxedGradingCollection : ICollectionFixture<SandboxedGradingFixture>
{
    public const string Name = "One sandboxed grading run of hostile submissions";
}
