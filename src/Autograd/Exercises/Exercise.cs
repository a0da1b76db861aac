using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Autograd.Exercises;

/// <summary>
/// Runs the check of one exercise in a notebook and prints one verdict line, so that a student
/// gets specific feedback and a half-done notebook still runs to its end.
/// </summary>
/// <remarks>
/// <para>The verdict line stands alone, at column 0, in one of three forms that a grader parses:</para>
/// <list type="bullet">
/// <item><c>Exercise &lt;id&gt;: correct</c></item>
/// <item><c>Exercise &lt;id&gt;: not yet: &lt;what was expected and what came out&gt;</c></item>
/// <item><c>Exercise &lt;id&gt;: not implemented yet</c></item>
/// </list>
/// <para>
/// Whatever the student's code prints during the check is held back and printed after the verdict,
/// every line indented by two spaces, so no output of the student's code can pass for a verdict.
/// </para>
/// <para>
/// The check runs on its own thread with a 256 MB stack, so a recursive answer on a deep test graph
/// gets a verdict instead of ending the kernel with a stack overflow; and it gets
/// <see cref="DefaultTimeout"/> to finish, so an endless loop gets a verdict instead of a notebook
/// that never ends (the loop itself keeps a core busy until the kernel restarts, as .NET cannot stop a thread).
/// </para>
/// <para>
/// In a browser (and under WASI) .NET has one thread and cannot start another, so there the check
/// runs on the calling thread instead, with the same verdict line and the same indented output. It
/// then has the caller's stack and no time limit: an endless loop runs until the page's Stop ends
/// the C# session. A recursion deeper than that stack gets a <see cref="Verdict.NotYet"/> that says
/// so where the runtime raises a <see cref="StackOverflowException"/> or
/// <see cref="InsufficientExecutionStackException"/> the check can catch; the browser's runtime
/// cannot, and ends itself instead, which the page reports for the cell before it starts a new session.
/// </para>
/// </remarks>
public static partial class Exercise
{
    /// <summary>The stack of the thread a check runs on: deep enough for a recursive walk of a chain of a million nodes.</summary>
    public const int CheckStackBytes = 256 * 1024 * 1024;

    /// <summary>How long a check may run before it is reported as not finishing: a minute, far above any check's few milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    private static readonly AsyncLocal<bool> s_inlineHere = new();

    /// <summary>
    /// Runs <paramref name="check"/>, prints exactly one verdict line (then the student's output,
    /// indented) and returns the verdict. It never throws for anything the check or the student's
    /// code does: an <see cref="ExerciseFailure"/> means <see cref="Verdict.NotYet"/> with its
    /// message, a <see cref="NotImplementedException"/> means <see cref="Verdict.NotImplemented"/>,
    /// any other exception means <see cref="Verdict.NotYet"/> naming it.
    /// </summary>
    /// <param name="id">The exercise's id, kebab-case (<c>[a-z0-9-]+</c>), as the grader reads it.</param>
    /// <param name="check">Calls the student's code and compares; fails by throwing <see cref="ExerciseFailure"/>, usually through <see cref="Expect"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not kebab-case: a mistake of the notebook's author, not of the student.</exception>
    public static Verdict Check(string id, Action check) => Check(id, check, DefaultTimeout);

    /// <summary>As <see cref="Check(string, Action)"/>, with the time the check may take (not enforced where the check runs on the calling thread: see the remarks of <see cref="Exercise"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not kebab-case, or <paramref name="timeout"/> is not positive.</exception>
    public static Verdict Check(string id, Action check, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Check(id, _ => check(), timeout);
    }

    /// <summary>
    /// As <see cref="Check(string, Action)"/>, for a check that runs the student's code on inputs it
    /// draws from <see cref="CheckInputs"/>: fixed in a student's editor, chosen by the grader while grading.
    /// </summary>
    /// <remarks>
    /// While grading (a sink in <see cref="GradingChannel"/>), the check records the values it hands
    /// to <see cref="Expect"/> and sends them to the grader instead of deciding: it prints only
    /// <c>Exercise &lt;id&gt;: answers sent to the grader</c>, keeps back what the student's code printed
    /// (it may show the hidden inputs) and returns <see cref="Verdict.NotYet"/>, because the verdict is the grader's.
    /// </remarks>
    public static Verdict Check(string id, Action<CheckInputs> check) => Check(id, check, DefaultTimeout);

    /// <summary>As <see cref="Check(string, Action{CheckInputs})"/>, with the time the check may take (not enforced where the check runs on the calling thread: see the remarks of <see cref="Exercise"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not kebab-case, or <paramref name="timeout"/> is not positive.</exception>
    public static Verdict Check(string id, Action<CheckInputs> check, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(check);
        if (!IdPattern().IsMatch(id))
        {
            throw new ArgumentException($"Exercise id '{id}' is not kebab-case ([a-z0-9-]+): the grader could not read its verdict line.", nameof(id));
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The timeout must be positive, not {timeout}.", nameof(timeout));
        }

        Action<string>? sink = GradingChannel.Sink;
        var inputs = new CheckInputs(id, sink is null ? CheckInputs.EditorSeed : GradingChannel.Seed);
        AnswerRecorder? recorder = sink is null ? null : new AnswerRecorder();
        (Verdict verdict, string? message, string captured) = Run(() => check(inputs), recorder, timeout);
        TextWriter output = Console.Out;
        if (sink is not null)
        {
            string end = verdict switch
            {
                Verdict.Correct => "completed",
                Verdict.NotImplemented => "not-implemented",
                _ => "threw",
            };
            sink(recorder!.Record(id, end, message));
            output.WriteLine($"Exercise {id}: answers sent to the grader");
            output.Flush();
            return Verdict.NotYet;
        }

        output.WriteLine(VerdictLine(id, verdict, message));
        foreach (string line in SplitLines(captured))
        {
            output.WriteLine("  " + line);
        }

        output.Flush();
        return verdict;
    }

    /// <summary>The verdict line as it is printed, for a grader or a test that builds the expected text.</summary>
    public static string VerdictLine(string id, Verdict verdict, string? message = null) => verdict switch
    {
        Verdict.Correct => $"Exercise {id}: correct",
        Verdict.NotImplemented => $"Exercise {id}: not implemented yet",
        Verdict.NotYet => $"Exercise {id}: not yet: {OneLine(message ?? "the check failed")}",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    /// <summary>
    /// Whether checks run on the calling thread: where .NET cannot start a thread (a browser's
    /// WebAssembly, WASI), or where a test asks for it through <see cref="RunInlineHere"/>.
    /// </summary>
    /// <remarks>
    /// The platform is asked, not a failed <see cref="Thread.Start()"/> caught: the answer is known
    /// before anything runs, and no exception is thrown and caught on every check.
    /// </remarks>
    internal static bool RunsInline => OperatingSystem.IsBrowser() || OperatingSystem.IsWasi() || s_inlineHere.Value;

    /// <summary>Makes the checks of this flow of execution run on the calling thread, as in a browser (for tests, which have threads).</summary>
    internal static bool RunInlineHere
    {
        get => s_inlineHere.Value;
        set => s_inlineHere.Value = value;
    }

    private static (Verdict Verdict, string? Message, string Captured) Run(Action check, AnswerRecorder? recorder, TimeSpan timeout)
    {
        var buffer = new StringWriter();
        TextWriter capture = TextWriter.Synchronized(buffer);
        TextWriter previousOut = Console.Out;
        TextWriter previousError = Console.Error;
        Exception? thrown;
        bool finished;
        Console.SetOut(capture);
        Console.SetError(capture);
        try
        {
            if (RunsInline)
            {
                thrown = RunInline(check, recorder);
                finished = true;
            }
            else
            {
                (finished, thrown) = RunOnThread(check, recorder, timeout);
            }
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }

        string captured;
        lock (capture)
        {
            captured = buffer.ToString();
        }

        if (!finished)
        {
            return (Verdict.NotYet, $"the code did not finish within {timeout.TotalSeconds:0.#} s (an endless loop?); it keeps running in the background until you restart the kernel", captured);
        }

        return thrown is null ? (Verdict.Correct, null, captured) : Classify(thrown, captured);
    }

    /// <summary>Runs the check on a thread of its own with <see cref="CheckStackBytes"/> of stack; whether it finished in time, and what it threw.</summary>
    private static (bool Finished, Exception? Thrown) RunOnThread(Action check, AnswerRecorder? recorder, TimeSpan timeout)
    {
        System.Globalization.CultureInfo culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo uiCulture = System.Globalization.CultureInfo.CurrentUICulture;
        Exception? thrown = null;
        var thread = new Thread(
            () =>
            {
                System.Globalization.CultureInfo.CurrentCulture = culture;
                System.Globalization.CultureInfo.CurrentUICulture = uiCulture;
                AnswerRecorder.Current = recorder;
                try
                {
                    check();
                }
                catch (Exception e)
                {
                    thrown = e;
                }
                finally
                {
                    AnswerRecorder.Current = null;
                }
            },
            CheckStackBytes)
        {
            IsBackground = true,
            Name = "exercise check",
        };

        thread.Start();
        bool finished = thread.Join(timeout);
        return (finished, finished ? thrown : null);
    }

    /// <summary>Runs the check on the calling thread, with its stack and no time limit; what it threw.</summary>
    private static Exception? RunInline(Action check, AnswerRecorder? recorder)
    {
        AnswerRecorder? previous = AnswerRecorder.Current;
        AnswerRecorder.Current = recorder;
        try
        {
            check();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            AnswerRecorder.Current = previous;
        }
    }

    private static (Verdict Verdict, string? Message, string Captured) Classify(Exception thrown, string captured)
    {
        Exception e = Unwrap(thrown);
        return e switch
        {
            NotImplementedException => (Verdict.NotImplemented, null, captured),
            ExerciseFailure failure => (Verdict.NotYet, failure.Message, captured),
            StackOverflowException or InsufficientExecutionStackException => (Verdict.NotYet, $"your code recursed deeper than the stack allows ({e.GetType().Name})", captured),
            _ => (Verdict.NotYet, $"your code threw {e.GetType().Name}: {e.Message}", captured),
        };
    }

    /// <summary>Looks through the wrappers that reflection, tasks and static constructors put around the student's exception.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                case TypeInitializationException { InnerException: { } inner }:
                    e = inner;
                    break;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    e = aggregate.InnerExceptions[0];
                    break;
                default:
                    return e;
            }
        }
    }

    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (string part in SplitLines(text))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part.Trim());
        }

        return builder.ToString();
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>(text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None));
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IdPattern();
}
