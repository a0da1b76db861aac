namespace Lectures.Runner.Commands;

/// <summary>A command line that parses but asks for something impossible; the message says what, and the verb's usage follows it (exit 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
