using Lectures.Runner.Commands;
using Lectures.Runner.Execution;

// Dispatches to the verb the command line names (see Commands/); a verb's failure that is not the
// notebooks' doing is one line and exit 2, never a stack trace.
using var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
using var stderr = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
try
{
    var context = new CommandContext(LibraryReferences.RepositoryRoot ?? Environment.CurrentDirectory, stdout, stderr);
    return await new RunnerCommandLine(context.RepositoryRoot).InvokeAsync(args, context);
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    stderr.WriteLine($"error: the runner failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    return 2;
}
