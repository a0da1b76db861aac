using System.CommandLine;
using Lectures.Runner.Site;

namespace Lectures.Runner.Commands;

/// <summary>The <c>site</c> verb: the course as a static web site whose cells run in the browser (see <see cref="SiteBuilder"/>).</summary>
internal sealed class SiteCommand : IRunnerCommand
{
    private readonly string _repositoryRoot;
    private readonly Option<string> _out;

    public SiteCommand(string repositoryRoot)
    {
        _repositoryRoot = repositoryRoot;
        _out = SharedOptions.Out("where to write the site (its files are replaced, others in it are kept)", Path.Combine(repositoryRoot, "artifacts", "site"));
        Command = new Command("site", """
            Writes the course as a static web site: an index of the lectures in reading order, a page per notebook with its executed outputs and navigation, the student version of the exercises, and a C# runtime, so every code cell runs again in the browser (Run, Run all, edits).
            The folder works on any static host (relative paths only, .nojekyll for GitHub Pages, .br and .gz copies beside large files) and asks nothing of any other origin; `serve DIR` serves it on this machine.

            Exit code: 0 when every notebook ran and the site was written, 1 when a notebook failed (its page is still written), 2 for bad usage or when the C# runtime could not be built, 130 or 143 when stopped by SIGINT or SIGTERM.
            """)
        {
            _out,
        };
    }

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult parsed, CommandContext context) =>
        SiteBuilder.WriteAsync(parsed.GetRequiredValue(_out), _repositoryRoot, context.Out, context.Err);
}
