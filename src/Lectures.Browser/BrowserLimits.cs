namespace Lectures.Browser;

/// <summary>
/// Recognises a cell that failed only because a browser cannot give what it asks for, so the page
/// says that in one line instead of showing a runtime's stack trace.
/// </summary>
public static class BrowserLimits
{
    /// <summary>The one line for an exception a browser's limits caused, or null for any other failure.</summary>
    public static string? Explain(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            if (cause is not PlatformNotSupportedException)
            {
                continue;
            }

            string where = cause.StackTrace ?? string.Empty;
            if (where.Contains("System.Threading.Thread", StringComparison.Ordinal))
            {
                return "This cell starts threads of its own (with a chosen stack size); C# in a browser has one thread, so run it in an editor or with the runner.";
            }

            if (where.Contains("System.Diagnostics.Process", StringComparison.Ordinal))
            {
                return "This cell starts a process; a browser cannot, so run it in an editor or with the runner.";
            }

            return $"This cell uses something a browser does not provide ({cause.Message}); run it in an editor or with the runner.";
        }

        return e is StackOverflowException or InsufficientExecutionStackException
            ? "This cell recurses deeper than a browser's stack allows; run it in an editor or with the runner."
            : null;
    }
}
