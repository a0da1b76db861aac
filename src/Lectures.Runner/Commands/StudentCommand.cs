using System.CommandLine;
using Lectures.Runner.Grading;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Commands;

/// <summary>The <c>student</c> verb: writes the student versions of instructor notebooks on demand.</summary>
internal sealed class StudentCommand : IRunnerCommand
{
    private readonly string _repositoryRoot;
    private readonly Argument<string[]> _paths = SharedOptions.Paths(
        "NOTEBOOK_OR_FOLDER",
        "instructor notebooks, or folders searched for notebooks with solution regions (default: the repository's notebooks/)");

    private readonly Option<string> _out;

    public StudentCommand(string repositoryRoot)
    {
        _repositoryRoot = repositoryRoot;
        _out = SharedOptions.Out("where to write them, under each notebook's file name", Path.Combine(repositoryRoot, "artifacts", "lectures", "student"));
        Command = new Command("student", """
            Writes the student version of instructor notebooks: each region between // BEGIN SOLUTION and // END SOLUTION becomes `throw new NotImplementedException();`, outputs are cleared, cell ids and metadata are kept.

            Exit code: 0 when every student version was written, 2 for bad usage, an unreadable notebook, markers that do not pair up, or an output that would replace a source.
            """)
        {
            _paths, _out,
        };
    }

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult parsed, CommandContext context)
    {
        string[] given = parsed.GetValue(_paths) ?? [];
        List<string> paths = given.Length == 0 ? [Path.Combine(_repositoryRoot, "notebooks")] : [.. given];
        string outputFolder = Path.GetFullPath(parsed.GetRequiredValue(_out));
        NotebookSources sources = NotebookSources.Collect(paths, outputFolder);
        if (sources.Errors.Count > 0)
        {
            throw new UsageException(sources.Errors[0]);
        }

        // A notebook named on the command line was meant to have solutions; one found in a folder may not.
        HashSet<string> named = [.. paths.Where(File.Exists).Select(p => Path.GetFullPath(p))];
        int exitCode = 0;
        var notebooks = new List<(NotebookDocument, string, bool)>();
        foreach (NotebookSources.Source source in sources.Found)
        {
            try
            {
                notebooks.Add((NotebookDocument.Load(source.Path), Path.Combine(outputFolder, source.Relative), named.Contains(source.Path)));
            }
            catch (NotebookFormatException e)
            {
                context.Err.WriteLine($"error: {e.Message}");
                exitCode = 2;
            }
        }

        exitCode = Math.Max(exitCode, StudentVersions.Write(notebooks, context.Out, context.Err, out int count));
        if (exitCode == 0 && count == 0)
        {
            context.Err.WriteLine($"error: no notebook with a {SolutionRegions.BeginMarker} region in {string.Join(", ", paths)}.");
            return Task.FromResult(2);
        }

        return Task.FromResult(exitCode);
    }
}
