using Autograd.Charts;
using Lectures.Runner.Notebooks;
using Lectures.Runner.Rendering;

namespace Lectures.Runner.Outputs;

/// <summary>
/// The files a notebook's run leaves: the executed notebook, its page and (for the lectures) its
/// slide deck, side by side under the output folder at the notebook's relative path. Every command
/// that runs notebooks writes them here, so they look the same whichever command wrote them.
/// </summary>
/// <param name="Notebook">The executed notebook (<c>NAME.ipynb</c>).</param>
/// <param name="Page">Its static page (<c>NAME.html</c>).</param>
/// <param name="Slides">Its slide deck (<c>NAME.slides.html</c>), or null when none is written.</param>
internal sealed record NotebookOutputs(string Notebook, string Page, string? Slides)
{
    /// <summary>The outputs of the notebook at <paramref name="relative"/> under <paramref name="outputDirectory"/>.</summary>
    public static NotebookOutputs For(string outputDirectory, string relative, bool slides)
    {
        string executed = Path.Combine(outputDirectory, relative);
        return new NotebookOutputs(executed, Path.ChangeExtension(executed, ".html"), slides ? Path.ChangeExtension(executed, ".slides.html") : null);
    }

    /// <summary>Every file, in the order they are written.</summary>
    public IEnumerable<string> Files => Slides is null ? [Notebook, Page] : [Notebook, Page, Slides];

    /// <summary>Writes the executed notebook, then its page and slides from one rendering of its content.</summary>
    /// <param name="executed">The notebook with its run's results attached.</param>
    /// <param name="plotlyJs">plotly.js for the charts, or null when the notebook drew none (charts are then shown as text).</param>
    public void Write(NotebookDocument executed, string? plotlyJs)
    {
        AtomicFile.WriteAllText(Notebook, NotebookWriter.Write(executed));
        NotebookContent content = NotebookContent.Build(executed, drawCharts: plotlyJs is not null);
        AtomicFile.WriteAllText(Page, HtmlPage.Render(content, plotlyJs));
        if (Slides is not null)
        {
            AtomicFile.WriteAllText(Slides, SlideDeck.Render(content, plotlyJs));
        }
    }
}
