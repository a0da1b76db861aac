using System.CommandLine;
using Lectures.Runner.Grading;

namespace Lectures.Runner.Commands;

/// <summary>The <c>grade merge</c> verb: the outputs of every shard of one class become one run's tables (see <see cref="GradeMerge"/>).</summary>
internal sealed class GradeMergeCommand : IRunnerCommand
{
    private readonly Argument<string[]> _shards = SharedOptions.Paths("SHARD_DIR", "a folder a grade --shard run wrote (with its shard.json), one per shard, every shard once");
    private readonly Option<string> _out;

    public GradeMergeCommand(string repositoryRoot)
    {
        _out = SharedOptions.Out("where to write the merged tables and submissions/", Path.Combine(repositoryRoot, "artifacts", "grades"));
        Command = new Command("merge", """
            Combines the outputs of grade --shard 1/N ... N/N into one grades.csv, totals.csv and grades.html.

            Exit code: 0 when merged; 2 for bad usage, a missing or repeated shard, or shards of different assignments.
            """)
        {
            _shards, _out,
        };
    }

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult parsed, CommandContext context)
    {
        string[] folders = parsed.GetValue(_shards) ?? [];
        if (folders.Length == 0)
        {
            throw new UsageException("name the shards' output folders.");
        }

        return Task.FromResult(GradeMerge.Run(folders, Path.GetFullPath(parsed.GetRequiredValue(_out)), context.Out, context.Err));
    }
}
