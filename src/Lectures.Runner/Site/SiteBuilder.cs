using System.Diagnostics;
using System.Globalization;
using Lectures.Runner.Commands;
using Lectures.Runner.Execution;
using Lectures.Runner.Grading;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Rendering;
using Markdig;
using Markdig.Syntax;

namespace Lectures.Runner.Site;

/// <summary>
/// The course as a static web site that runs its C# in the browser. Every
/// notebook is executed as the main command executes it, and the site gets an index page, a page
/// per notebook with its outputs and navigation, the student version of the exercises, plotly.js
/// and the C# runtime, with relative paths only, so the folder works as it is on any static host.
/// </summary>
internal static class SiteBuilder
{
    /// <summary>Writes the site into <paramref name="output"/>; returns the exit code (see the <c>site</c> verb).</summary>
    /// <exception cref="UsageException">The folder cannot be the site's.</exception>
    public static async Task<int> WriteAsync(string output, string repositoryRoot, TextWriter stdout, TextWriter stderr)
    {
        string site = Path.GetFullPath(output);
        string notebooksFolder = Path.Combine(repositoryRoot, "notebooks");
        if (File.Exists(site))
        {
            throw new UsageException($"--out {output}: is a file, not a folder.");
        }

        if (Path.GetRelativePath(notebooksFolder, site) is var inside && !inside.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(inside))
        {
            throw new UsageException($"--out {output}: is inside the notebooks' folder; the site is build output.");
        }

        Stopwatch clock = Stopwatch.StartNew();
        NotebookSources sources = NotebookSources.Collect([notebooksFolder], site);
        if (sources.Errors.Count > 0 || sources.Found.Count == 0)
        {
            throw new UsageException(sources.Errors.FirstOrDefault() ?? $"no notebooks in {notebooksFolder}.");
        }

        var notebooks = new List<(NotebookSources.Source Source, NotebookDocument Notebook)>();
        foreach (NotebookSources.Source source in sources.Found.OrderBy(s => s.Relative, StringComparer.Ordinal))
        {
            try
            {
                notebooks.Add((source, NotebookDocument.Load(source.Path)));
            }
            catch (NotebookFormatException e)
            {
                throw new UsageException(e.Message);
            }
        }

        Directory.CreateDirectory(site);
        string scratch = Path.Combine(repositoryRoot, "artifacts", "obj", "site-runtime");
        string? published = SiteRuntime.Publish(repositoryRoot, scratch, stdout, out string? problem);
        if (published is null)
        {
            stderr.WriteLine($"error: {problem}");
            return 2;
        }

        (int runtimeFiles, long runtimeBytes) = SiteRuntime.Copy(published, site);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  runtime: {runtimeFiles} files, {runtimeBytes / 1e6:0.0} MB with compressed copies"));

        // Student versions first: the index and the pages link them.
        List<(NotebookDocument Notebook, string Target, bool SolutionsRequired)> handouts = [.. notebooks.Select(n => (n.Notebook, Path.Combine(site, "student", n.Source.Relative), false))];
        int exitCode = StudentVersions.Write(handouts, stdout, stderr, out _) == 0 ? 0 : 2;

        // Every notebook runs as the main command runs it, one after the other (the site is built once).
        using var signals = new StopSignals();
        var settings = new RunSettings(TimeSpan.FromSeconds(300));
        var runs = new List<NotebookRun>();
        foreach ((NotebookSources.Source source, NotebookDocument notebook) in notebooks)
        {
            stdout.WriteLine($"{source.Relative} ({notebook.CodeCells.Count()} code cells)");
            NotebookRun run = await IsolatedNotebookRunner.RunAsync(notebook, settings, null, signals.Token);
            if (run.Outcome == NotebookOutcome.Cancelled)
            {
                stderr.WriteLine($"stopped by {signals.SignalName}: the site is incomplete.");
                return signals.ExitCode;
            }

            if (run.Failure is not null)
            {
                stderr.WriteLine($"  {source.Relative}: {run.Failure}");
                exitCode = Math.Max(exitCode, 1);
            }

            runs.Add(run);
        }

        string? plotly = runs.Select(r => PlotlyScript.Read(r.PlotlyAssemblyPath)).FirstOrDefault(s => s is not null);
        if (plotly is null)
        {
            stderr.WriteLine("error: no notebook loaded Plotly.NET, so there is no plotly.js to draw the charts.");
            return 2;
        }

        var contents = new List<NotebookContent>();
        var lectures = new List<SiteLecture>();
        for (int i = 0; i < notebooks.Count; i++)
        {
            (NotebookSources.Source source, NotebookDocument notebook) = notebooks[i];
            NotebookContent content = NotebookContent.Build(runs[i].Notebook, drawCharts: true);
            contents.Add(content);
            string student = Path.Combine("student", source.Relative);
            lectures.Add(new SiteLecture(
                Path.ChangeExtension(source.Relative, ".html").Replace('\\', '/'),
                content.Title,
                Summary(notebook),
                File.Exists(Path.Combine(site, student)) ? student.Replace('\\', '/') : null));
        }

        for (int i = 0; i < lectures.Count; i++)
        {
            SiteFiles.Write(site, lectures[i].Page, SitePage.Render(contents[i], lectures, i));
            stdout.WriteLine($"  wrote {lectures[i].Page}");
        }

        SiteFiles.Write(site, "index.html", SiteIndex.Render(lectures));
        SiteFiles.Write(site, SiteFiles.Plotly, plotly);
        SiteFiles.Write(site, SiteFiles.PageScript, PageScripts.Page);
        File.WriteAllText(Path.Combine(site, ".nojekyll"), string.Empty);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"site written to {site} in {clock.Elapsed.TotalSeconds:0.0} s, exit code {exitCode}; serve it with: dotnet run --project src/Lectures.Runner -- serve {output}"));
        return exitCode;
    }

    /// <summary>What a notebook teaches: the first paragraph of its markdown, as plain text.</summary>
    private static string Summary(NotebookDocument notebook)
    {
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.Type == "markdown"))
        {
            if (Markdown.Parse(cell.Source).OfType<ParagraphBlock>().FirstOrDefault() is { } paragraph)
            {
                return NotebookContent.InlineText(paragraph.Inline);
            }
        }

        return string.Empty;
    }
}
