using System.CommandLine;
using Lectures.Runner.Execution;
using Lectures.Runner.Execution.Worker;

namespace Lectures.Runner.Commands;

/// <summary>
/// The hidden <c>worker</c> verb: the runner starts its own executable with it, once per notebook,
/// to run that notebook's cells in a process of its own (see <see cref="KernelWorker"/>).
/// </summary>
internal sealed class WorkerCommand : IRunnerCommand
{
    private readonly Argument<string?> _socket = new("SOCKET") { Description = "the runner's socket to connect to", Arity = ArgumentArity.ZeroOrOne };

    public WorkerCommand()
    {
        Command = new Command(WorkerProtocol.WorkerVerb, "Runs one notebook's cells for the runner (started by the runner itself).") { Hidden = true };
        Command.Add(_socket);
    }

    public Command Command { get; }

    public Task<int> RunAsync(ParseResult parsed, CommandContext context) =>
        KernelWorker.RunAsync(parsed.GetValue(_socket) ?? throw new UsageException($"the {WorkerProtocol.WorkerVerb} verb needs the socket of the runner that started it."));
}
