using System.CommandLine;
using Autograd.Charts;
using Lectures.Runner.Exporting;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Outputs;

namespace Lectures.Runner.Commands;

/// <summary>The <c>export</c> verb: writes notebooks as file-based apps, the route Microsoft points to after the notebook kernel.</summary>
internal sealed class ExportCommand : IRunnerCommand
{
    private readonly string _repositoryRoot;
    private readonly Argument<string[]> _paths = SharedOptions.Paths("NOTEBOOK", "C# notebooks, or folders of them, to write as apps");
    private readonly Option<string> _out;

    public ExportCommand(string repositoryRoot)
    {
        _repositoryRoot = repositoryRoot;
        _out = SharedOptions.Out(
            "the folder for the apps, under each notebook's name with .cs; the course library is referenced by a #:project path relative to it, so keep it where the repository is",
            Path.Combine(repositoryRoot, "artifacts", "export"));
        Command = new Command("export", """
            Writes notebooks as file-based apps (NAME.cs), which the .NET 10 SDK runs without a notebook editor: `dotnet run NAME.cs` prints what the notebook's cells print, and writes its charts as offline pages (NAME-charts/cell-N.html beside the app) whose paths it prints. What the export had to change (a name declared again, a kernel-only package) is printed as notes.

            Exit code: 0 when every app was written, 2 for bad usage, an unreadable notebook, or one with a cell a program cannot have (the message names the cell and line).
            """)
        {
            _paths, _out,
        };
    }

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult parsed, CommandContext context)
    {
        string[] paths = parsed.GetValue(_paths) ?? [];
        if (paths.Length == 0)
        {
            throw new UsageException("name the notebook to export.");
        }

        string outputFolder = Path.GetFullPath(parsed.GetRequiredValue(_out));
        if (OutputFolder.Problem(outputFolder) is string problem)
        {
            throw new UsageException($"--out {outputFolder}: {problem}");
        }

        NotebookSources sources = NotebookSources.Collect(paths, outputFolder);
        if (sources.Errors.Count > 0)
        {
            throw new UsageException(sources.Errors[0]);
        }

        int exitCode = 0;
        foreach (NotebookSources.Source source in sources.Found)
        {
            if (Export(source, outputFolder, context) is string failure)
            {
                context.Err.WriteLine($"error: {source.Path}: {failure}");
                exitCode = 2;
            }
        }

        return Task.FromResult(exitCode);
    }

    /// <summary>Writes one app; the problem that stopped it, or null.</summary>
    private string? Export(NotebookSources.Source source, string outputFolder, CommandContext context)
    {
        string target = Path.Combine(outputFolder, Path.ChangeExtension(source.Relative, ".cs"));
        if (File.Exists(target) && !File.ReadLines(target).Take(20).Any(l => l.Contains(NotebookExporter.HeaderMarker, StringComparison.Ordinal)))
        {
            return $"{target} exists and was not written by export; it is left as it is.";
        }

        ExportedApp app;
        try
        {
            NotebookDocument notebook = NotebookDocument.Load(source.Path);
            string name = Path.GetFileNameWithoutExtension(notebook.Path);
            app = NotebookExporter.Export(notebook, new ExportSettings(name, notebook.Folder, Path.GetDirectoryName(target)!, _repositoryRoot));
        }
        catch (Exception e) when (e is NotebookFormatException or ExportException)
        {
            return e.Message;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        AtomicFile.WriteAllText(target, app.Text);
        foreach (string note in app.Notes)
        {
            context.Err.WriteLine($"note: {note}");
        }

        string shown = Path.GetRelativePath(Environment.CurrentDirectory, target);
        context.Out.WriteLine($"wrote {shown}; run it with: dotnet run {shown}");
        return null;
    }
}
