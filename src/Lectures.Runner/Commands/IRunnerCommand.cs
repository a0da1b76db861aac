using System.CommandLine;

namespace Lectures.Runner.Commands;

/// <summary>
/// A verb of the runner: its command-line definition and what it does. A new verb is a class
/// implementing this in <c>Commands/</c> and one entry in <see cref="RunnerCommandLine"/>.
/// </summary>
internal interface IRunnerCommand
{
    /// <summary>The verb's name, arguments and options (its <c>--help</c> is written from them).</summary>
    Command Command { get; }

    /// <summary>Runs the verb; returns its exit code.</summary>
    /// <exception cref="UsageException">The arguments parse but cannot be used.</exception>
    Task<int> RunAsync(ParseResult parsed, CommandContext context);
}
