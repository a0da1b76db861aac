using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;

namespace Lectures.Runner.Commands;

/// <summary>
/// The runner's command line: one verb per file in <c>Commands/</c>, parsed by one parser; a
/// command line that names no verb is the main verb's (<c>run</c>). Bad usage is exit 2 with one line saying what is wrong and the
/// verb's usage; <c>--help</c> on any verb prints its usage and exits 0.
/// </summary>
internal sealed class RunnerCommandLine
{
    /// <summary>Exit code for a command line that cannot be used, before anything runs.</summary>
    public const int UsageExitCode = 2;

    // Response files (@args.txt) and [directives] would turn a notebook's name into something else.
    private static readonly ParserConfiguration s_parser = new() { ResponseFileTokenReplacer = null };

    private readonly RootCommand _root = new("Runs the lecture notebooks, grades exercises and writes the course site.") { HelpName = "dotnet run --project src/Lectures.Runner --" };
    private readonly IReadOnlyList<IRunnerCommand> _verbs;

    /// <param name="repositoryRoot">The repository whose notebooks and artifacts folder are the defaults.</param>
    public RunnerCommandLine(string repositoryRoot)
    {
        var merge = new GradeMergeCommand(repositoryRoot);
        _verbs = [new RunCommand(repositoryRoot), new StudentCommand(repositoryRoot), new GradeCommand(repositoryRoot, merge), merge, new ExportCommand(repositoryRoot), new SiteCommand(repositoryRoot), new ServeCommand(repositoryRoot), new WorkerCommand()];
        _root.Directives.Clear();
        foreach (IRunnerCommand verb in _verbs)
        {
            // Run by InvokeAsync below, after the usage checks; an action marks the verb as one that can be run.
            verb.Command.SetAction(_ => UsageExitCode);

            // A sub-verb (grade merge) is already its verb's.
            if (!verb.Command.Parents.Any())
            {
                _root.Add(verb.Command);
            }
        }
    }

    /// <summary>Parses the arguments as the runner will (the main verb's when they name no verb).</summary>
    public ParseResult Parse(IReadOnlyList<string> args) =>
        _root.Parse(args is [string first, ..] && _root.Subcommands.Any(v => v.Name == first) ? args : [RunCommand.Name, .. args], s_parser);

    /// <summary>Parses <paramref name="args"/> and runs the verb they name.</summary>
    public async Task<int> InvokeAsync(IReadOnlyList<string> args, CommandContext context)
    {
        ParseResult parsed = Parse(args);
        IRunnerCommand verb = _verbs.First(v => ReferenceEquals(v.Command, parsed.CommandResult.Command));
        if (verb is not WorkerCommand)
        {
            // The runner's own messages read the same on every machine; a worker keeps the
            // machine's culture, as the notebook editors' kernels do.
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        }

        if (parsed.Action is HelpAction)
        {
            WriteUsage(verb, context.Out);
            return 0;
        }

        if (parsed.Errors.Count > 0)
        {
            return UsageError(verb, parsed.Errors[0].Message, context);
        }

        try
        {
            return await verb.RunAsync(parsed, context);
        }
        catch (UsageException e)
        {
            return UsageError(verb, e.Message, context);
        }
    }

    private int UsageError(IRunnerCommand verb, string message, CommandContext context)
    {
        context.Err.WriteLine($"error: {message}");
        context.Err.WriteLine();
        WriteUsage(verb, context.Err);
        return UsageExitCode;
    }

    /// <summary>The verb's usage, as its <c>--help</c> writes it.</summary>
    private void WriteUsage(IRunnerCommand verb, TextWriter writer)
    {
        // A sub-verb's usage is asked for under its verb (grade merge --help).
        List<string> path = [];
        for (Symbol? command = verb.Command; command is Command { Parents: var parents } && command != _root; command = parents.FirstOrDefault())
        {
            path.Insert(0, command.Name);
        }

        Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
    }
}
