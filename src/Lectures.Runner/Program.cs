using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Autograd.Charts;
using Lectures.Runner;

// Runs each notebook in a fresh kernel from its own folder and writes the executed notebook and a
// static page, never over the source. Exit code: 0 all ran, 1 a cell failed, 2 bad usage or an
// unreadable notebook; the other notebooks run either way.
// Kernels capture Console.Out and Console.Error while a cell runs (and keep them while a cell that
// timed out spins on), so the runner reports on the process's own streams.
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
string root = RepositoryRoot();
if (args is ["grade", .. string[] gradeArgs])
{
    return await GradeCommand.RunAsync(gradeArgs, root, stdout, stderr);
}

if (args is ["student", .. string[] studentArgs])
{
    return StudentCommand.Run(studentArgs, root, stdout, stderr);
}

RunnerOptions? options = RunnerOptions.Parse(args, root, out string? usageError, out bool help);
if (help)
{
    stdout.WriteLine(RunnerOptions.Usage);
    return 0;
}

if (options is null)
{
    stderr.WriteLine($"error: {usageError}\n\n{RunnerOptions.Usage}");
    return 2;
}

var notebooks = new List<string>();
int exitCode = 0;
foreach (string path in options.Paths)
{
    if (Directory.Exists(path))
    {
        notebooks.AddRange(Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Contains(".ipynb_checkpoints"))
            .Order(StringComparer.Ordinal));
    }
    else if (File.Exists(path))
    {
        notebooks.Add(path);
    }
    else
    {
        stderr.WriteLine($"error: {path}: no such notebook or folder.");
        exitCode = 2;
    }
}

if (notebooks.Count == 0 && exitCode == 0)
{
    stderr.WriteLine($"error: no notebooks in {string.Join(", ", options.Paths)}.");
    return 2;
}

// Notebooks with solution regions are also handed out: their student versions go beside the
// executed copies, in a folder of their own so that a teacher can share it as it is.
exitCode = Math.Max(exitCode, StudentVersions.Write([.. notebooks.Select(n => (n, false))], Path.Combine(options.OutputDirectory, "student"), stdout, stderr, out _));
string startDirectory = Environment.CurrentDirectory;
var failures = new List<string>();
bool abandonedCells = false;
Stopwatch total = Stopwatch.StartNew();
foreach (string path in notebooks)
{
    NotebookFile notebook;
    try
    {
        notebook = NotebookFile.Load(path);
    }
    catch (NotebookFormatException e)
    {
        stderr.WriteLine($"error: {e.Message}");
        exitCode = 2;
        continue;
    }

    string executedPath = Path.Combine(options.OutputDirectory, notebook.Name);
    string pagePath = Path.ChangeExtension(executedPath, ".html");
    if (string.Equals(Path.GetFullPath(executedPath), notebook.Path, StringComparison.Ordinal))
    {
        stderr.WriteLine($"error: {notebook.Name}: the output folder is the notebook's own folder; the source notebook is never overwritten. Choose another --out.");
        exitCode = 2;
        continue;
    }

    stdout.WriteLine($"{notebook.Name} ({notebook.Cells.Count(c => c.IsCode)} code cells)");
    var results = new Dictionary<int, CellResult>();
    string? missing = MissingLibrary(notebook);
    Stopwatch clock = Stopwatch.StartNew();
    if (missing is not null)
    {
        failures.Add(missing);
        stderr.WriteLine($"  FAILED: {missing}");
    }
    else
    {
        Environment.CurrentDirectory = Path.GetDirectoryName(notebook.Path)!;
        using var kernel = new NotebookKernel();
        int executionCount = 0;
        int codeCells = notebook.Cells.Count(c => c.IsCode);
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
        {
            CellResult result = await kernel.RunAsync(cell.Source, cell.KernelName, ++executionCount, options.CellTimeout);
            results[cell.Number] = result;
            string status = result.Succeeded ? "ok    " : "FAILED";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{executionCount,2}/{codeCells}] {status} {result.Elapsed.TotalSeconds,6:0.00} s  cell {cell.Number}: {Shorten(cell.FirstLine)}"));
            if (!result.Succeeded)
            {
                string failure = $"{notebook.Name}: cell {cell.Number} ({cell.FirstLine}) failed: {result.Error}";
                failures.Add(failure);
                stderr.WriteLine($"  {failure}");
                abandonedCells |= result.Outputs.OfType<ErrorOutput>().Any(o => o.Name == "TimeoutError");
                break;
            }
        }

        Environment.CurrentDirectory = startDirectory;
    }

    AtomicFile.WriteAllText(executedPath, notebook.ToExecutedJson(results));
    AtomicFile.WriteAllText(pagePath, HtmlPage.Render(notebook, results, PlotlyFigure.PlotlyJs()));
    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wrote {Path.GetRelativePath(startDirectory, executedPath)} and {Path.GetFileName(pagePath)} ({clock.Elapsed.TotalSeconds:0.0} s)"));
}

if (failures.Count > 0)
{
    exitCode = Math.Max(exitCode, 1);
    stderr.WriteLine($"\n{failures.Count} notebook(s) failed:");
    foreach (string failure in failures)
    {
        stderr.WriteLine($"  {failure}");
    }
}

stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{notebooks.Count} notebook(s) in {total.Elapsed.TotalSeconds:0.0} s, exit code {exitCode}"));
if (abandonedCells)
{
    // A cell that never finished is still running on a kernel thread; end the process with it.
    stdout.Flush();
    stderr.Flush();
    Environment.Exit(exitCode);
}

return exitCode;

// A notebook that #r's a dll that has not been built fails with a message saying what builds it.
static string? MissingLibrary(NotebookFile notebook)
{
    string folder = Path.GetDirectoryName(notebook.Path)!;
    foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
    {
        foreach (Match reference in Regex.Matches(cell.Source, "^\\s*#r\\s+\"(?!nuget:)([^\"]+\\.dll)\"", RegexOptions.Multiline))
        {
            string dll = reference.Groups[1].Value;
            if (!File.Exists(Path.Combine(folder, dll)))
            {
                string project = dll.Contains("Autograd", StringComparison.Ordinal) ? "src/Autograd.Charts" : "the project that makes it";
                return $"{notebook.Name}: cell {cell.Number} loads {dll}, which has not been built. Build it with `dotnet build {project}` (dotnet run --project src/Lectures.Runner builds it before running).";
            }
        }
    }

    return null;
}

static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

static string RepositoryRoot()
{
    for (DirectoryInfo? dir = new(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Lectures.sln")))
        {
            return dir.FullName;
        }
    }

    return Environment.CurrentDirectory;
}
