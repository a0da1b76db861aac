namespace Lectures.Runner.Tests;

/// <summary>
/// One run of a folder of test notebooks (copied from <c>TestData/</c> to a temporary folder), shared
/// by the tests of one class.
/// </summary>
public abstract class NotebookFolderRun : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runner-run").FullName;

    /// <param name="testData">The folder under <c>TestData/</c> to run.</param>
    /// <param name="environment">Extra environment variables for the runner.</param>
    /// <param name="options">The runner's options after the folder and <c>--out</c>.</param>
    protected NotebookFolderRun(string testData, IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        Folder = Runner.CopyFolder(Path.Combine(Runner.TestData, testData), Path.Combine(_folder, testData));
        Prepare(Folder);
        Output = Path.Combine(_folder, testData + "-out");
        Result = Runner.Run(_folder, environment, [testData, "--out", Output, .. options]);
    }

    /// <summary>The copy of the notebooks that ran.</summary>
    public string Folder { get; }

    /// <summary>Where the runner wrote.</summary>
    public string Output { get; }

    public RunResult Result { get; }

    /// <summary>The executed copy of a notebook of the folder.</summary>
    public string Executed(string name) => Path.Combine(Output, name);

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds to the copied folder before it runs.</summary>
    protected virtual void Prepare(string folder)
    {
    }
}

/// <summary>The notebooks that crash, exhaust memory or flood their output, with a copy of the lecture notebook outside the repository.</summary>
public sealed class HostileRunFixture() : NotebookFolderRun("hostile", new Dictionary<string, string>(), "--jobs", "2", "--memory-limit", "1024", "--cell-timeout", "240")
{
    public const string Lecture = "01-lectures-07-08-autograd.ipynb";

    protected override void Prepare(string folder) => File.Copy(Path.Combine(Repository.Root, "notebooks", Lecture), Path.Combine(folder, Lecture));
}

/// <summary>The notebooks about clocks, with a short cell timeout.</summary>
public sealed class TimingRunFixture() : NotebookFolderRun("timing", new Dictionary<string, string>(), "--jobs", "1", "--cell-timeout", TimeoutSeconds)
{
    public const string TimeoutSeconds = "4";
}

/// <summary>Notebooks that change their process, then one that looks, in order, under a German locale.</summary>
public sealed class IsolationRunFixture() : NotebookFolderRun(
    "isolation", new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" }, "--jobs", "1", "--cell-timeout", "240");

/// <summary>The runs of test notebooks go one after another: each is a machine's worth of work, and the timing tests want a quiet machine.</summary>
[CollectionDefinition(Name)]
public sealed class NotebookFolderRuns
{
    public const string Name = "Runs of the test notebook folders";
}
