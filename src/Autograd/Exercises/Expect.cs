using System.Globalization;

namespace Autograd.Exercises;

/// <summary>
/// The comparisons a check makes, each failing with an <see cref="ExerciseFailure"/> whose message
/// says what was expected and what came out (<c>expected 1.1915 at M, got 0.5958</c>), so that a
/// check cell stays a short list of expectations and every exercise speaks the same way.
/// </summary>
/// <remarks>
/// While grading (see <see cref="GradingChannel"/>) no comparison happens in the student's process:
/// each call records its first argument, the student's answer, and returns; the grader compares the
/// answers with those of the instructor's solution on the same hidden inputs. So the calls a check
/// makes must not depend on the answers' values, and a <c>what</c> must not quote a hidden input.
/// </remarks>
public static class Expect
{
    /// <summary>The relative tolerance of <see cref="Close"/>: far above rounding in a few hundred operations, far below any wrong formula.</summary>
    public const double DefaultTolerance = 1e-9;

    /// <summary>
    /// Fails unless <paramref name="actual"/> is within <paramref name="tolerance"/> of
    /// <paramref name="expected"/>, relative to the larger of 1 and |expected|. NaN is close only to NaN,
    /// an infinity only to itself.
    /// </summary>
    /// <param name="actual">What the student's code gave.</param>
    /// <param name="expected">The right answer.</param>
    /// <param name="what">Where the number belongs, read after the expected value: <c>"at M"</c>, <c>"for (a / b).Val"</c>.</param>
    /// <param name="tolerance">The relative tolerance; 0 asks for the same double.</param>
    public static void Close(double actual, double expected, string what, double tolerance = DefaultTolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        if (AnswerRecorder.Current is { } recorder)
        {
            recorder.Number(actual, what, tolerance);
            return;
        }

        bool close = double.IsNaN(expected) ? double.IsNaN(actual)
            : double.IsInfinity(expected) ? actual == expected
            : Math.Abs(actual - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected));
        if (!close)
        {
            (string e, string a) = Distinguish(expected, actual);
            throw new ExerciseFailure($"expected {e} {what}, got {a}");
        }
    }

    /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/> (<see cref="EqualityComparer{T}.Default"/>).</summary>
    /// <param name="actual">What the student's code gave.</param>
    /// <param name="expected">The right answer.</param>
    /// <param name="what">Where the value belongs, read after the expected value.</param>
    public static void Equal<T>(T actual, T expected, string what)
    {
        if (AnswerRecorder.Current is { } recorder)
        {
            recorder.Value(Show(actual), what);
            return;
        }

        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            throw new ExerciseFailure($"expected {Show(expected)} {what}, got {Show(actual)}");
        }
    }

    /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void True(bool condition, string message)
    {
        if (AnswerRecorder.Current is { } recorder)
        {
            recorder.Condition(condition, message);
            return;
        }

        if (!condition)
        {
            throw new ExerciseFailure(message);
        }
    }

    /// <summary>
    /// Fails unless <paramref name="actual"/> holds the same items as <paramref name="expected"/> in
    /// the same order (compared with <see cref="EqualityComparer{T}.Default"/>, which for a node
    /// class is identity unless it overrides <c>Equals</c>); the message names the first difference.
    /// </summary>
    /// <param name="actual">What the student's code gave.</param>
    /// <param name="expected">The right answer.</param>
    /// <param name="what">What the sequence is, read after "in": <c>"the topological order"</c>.</param>
    /// <param name="describe">How to show an item in the message; <see cref="object.ToString"/> when null.</param>
    public static void Sequence<T>(IReadOnlyList<T> actual, IReadOnlyList<T> expected, string what, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        describe ??= item => Show(item);
        if (AnswerRecorder.Current is { } recorder)
        {
            recorder.Sequence(actual is null ? ["(null)"] : actual.Select(describe), what);
            return;
        }

        if (actual is null)
        {
            throw new ExerciseFailure($"expected {expected.Count} items in {what}, got null");
        }

        int common = Math.Min(actual.Count, expected.Count);
        for (int i = 0; i < common; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(actual[i], expected[i]))
            {
                throw new ExerciseFailure($"expected {describe(expected[i])} at position {i} of {what}, got {describe(actual[i])}");
            }
        }

        if (actual.Count != expected.Count)
        {
            throw new ExerciseFailure($"expected {expected.Count} items in {what}, got {actual.Count}");
        }
    }

    /// <summary>
    /// Fails when <paramref name="code"/>, or a method of the notebook it calls, can call itself
    /// again: a recursive walk of a deep graph overflows the stack. It reads the methods' IL, so it
    /// finds direct recursion, mutual recursion and recursive local functions; recursion through a
    /// delegate held in a variable is not seen, which is why a check also runs the code on a deep graph.
    /// </summary>
    /// <param name="code">The student's method, as a delegate (a method group: <c>(Func&lt;Node, List&lt;Node&gt;&gt;)TopoSortIterative</c>).</param>
    /// <param name="what">The method's name as the student knows it.</param>
    public static void NotRecursive(Delegate code, string what)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (AnswerRecorder.Current is { } recorder)
        {
            // Decided by the grader, from the submission's source, outside the student's process.
            recorder.Code(RecursionFinder.Name(code.Method), what);
            return;
        }

        if (RecursionFinder.FindCycle(code.Method) is { } cycle)
        {
            string path = string.Join(" calls ", cycle.Select(m => RecursionFinder.Name(m)));
            throw new ExerciseFailure($"{what} is recursive ({path}): a graph a few thousand nodes deep would overflow the stack; keep the nodes still to visit in a Stack<T> instead");
        }
    }

    /// <summary>
    /// The two numbers with as many decimals as it takes to tell them apart (at least four), so a
    /// message never reads "expected 0.3000, got 0.3000".
    /// </summary>
    internal static (string Expected, string Actual) Distinguish(double expected, double actual)
    {
        for (int decimals = 4; decimals <= 17; decimals++)
        {
            string e = Format(expected, decimals);
            string a = Format(actual, decimals);
            if (e != a)
            {
                return (e, a);
            }
        }

        return (expected.ToString("R", CultureInfo.InvariantCulture), actual.ToString("R", CultureInfo.InvariantCulture));
    }

    private static string Format(double value, int decimals)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        double magnitude = Math.Abs(value);
        return value == 0 || (magnitude >= 1e-3 && magnitude < 1e7)
            ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value.ToString("E" + (decimals - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
