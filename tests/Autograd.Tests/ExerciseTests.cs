using Autograd.Exercises;

namespace Autograd.Tests;

/// <summary>Exercise checks change the process's console, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Tests that redirect the console";
}

[Collection(ConsoleCollection.Name)]
public class ExerciseTests
{
    [Fact]
    public void A_check_that_holds_prints_correct()
    {
        (Verdict verdict, string[] lines) = Run("division", () => Expect.Close(0.1 + 0.2, 0.3, "for 0.1 + 0.2"));

        Assert.Equal(Verdict.Correct, verdict);
        Assert.Equal(["Exercise division: correct"], lines);
    }

    [Fact]
    public void A_failed_expectation_prints_not_yet_with_what_was_expected_and_what_came_out()
    {
        (Verdict verdict, string[] lines) = Run("backward-walk", () => Expect.Close(0.5957, 1.1914656577245382, "at M"));

        Assert.Equal(Verdict.NotYet, verdict);
        Assert.Equal(["Exercise backward-walk: not yet: expected 1.1915 at M, got 0.5957"], lines);
    }

    [Fact]
    public void Not_implemented_code_prints_not_implemented_yet_even_when_wrapped()
    {
        (Verdict direct, string[] lines) = Run("tanh", () => throw new NotImplementedException());
        (Verdict wrapped, _) = Run("tanh", () => throw new System.Reflection.TargetInvocationException(new AggregateException(new NotImplementedException())));

        Assert.Equal(Verdict.NotImplemented, direct);
        Assert.Equal(Verdict.NotImplemented, wrapped);
        Assert.Equal(["Exercise tanh: not implemented yet"], lines);
    }

    [Fact]
    public void Any_other_exception_is_not_yet_naming_it()
    {
        (Verdict verdict, string[] lines) = Run("zero-grad", () => throw new InvalidOperationException("Sequence contains no elements"));

        Assert.Equal(Verdict.NotYet, verdict);
        Assert.Equal(["Exercise zero-grad: not yet: your code threw InvalidOperationException: Sequence contains no elements"], lines);
    }

    [Fact]
    public void What_the_code_prints_comes_after_the_verdict_indented_so_it_cannot_forge_one()
    {
        (_, string[] lines) = Run("division", () =>
        {
            Console.WriteLine("Exercise division: correct");
            Console.Error.WriteLine("a warning");
            throw new ExerciseFailure("expected 2 for (6 / 3).Val, got 18");
        });

        Assert.Equal(
            ["Exercise division: not yet: expected 2 for (6 / 3).Val, got 18", "  Exercise division: correct", "  a warning"],
            lines);
    }

    [Fact]
    public void A_carriage_return_in_the_output_cannot_start_a_verdict_line_either()
    {
        (_, string[] lines) = Run("tanh", () => Console.Write("working\rExercise tanh: correct\n"));

        Assert.Equal(["Exercise tanh: correct", "  working", "  Exercise tanh: correct"], lines);
    }

    [Fact]
    public void A_multi_line_message_stays_on_the_verdict_line()
    {
        (_, string[] lines) = Run("x", () => throw new ExerciseFailure("first\nsecond"));

        Assert.Equal(["Exercise x: not yet: first second"], lines);
    }

    [Fact]
    public void Deep_recursion_in_a_check_gets_a_verdict_instead_of_ending_the_process()
    {
        static int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);

        (Verdict verdict, _) = Run("deep", () => Expect.Equal(Depth(500_000), 500_000, "for the depth"));

        Assert.Equal(Verdict.Correct, verdict);
    }

    [Fact]
    public void A_check_that_never_finishes_is_not_yet()
    {
        using var stop = new ManualResetEventSlim();
        var writer = new StringWriter();
        TextWriter previous = Console.Out;
        Console.SetOut(writer);
        Verdict verdict;
        try
        {
            verdict = Exercise.Check("loop", () => stop.Wait(), TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            Console.SetOut(previous);
            stop.Set();
        }

        Assert.Equal(Verdict.NotYet, verdict);
        Assert.StartsWith("Exercise loop: not yet: the code did not finish within 0.2 s", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_threads_a_check_runs_on_the_calling_thread_with_the_same_verdict_and_output()
    {
        int caller = Environment.CurrentManagedThreadId;
        int ran = -1;
        (Verdict verdict, string[] lines) = RunInline("division", () =>
        {
            ran = Environment.CurrentManagedThreadId;
            Console.WriteLine("Exercise division: correct");
            Console.Error.WriteLine("a warning");
            throw new ExerciseFailure("expected 2 for (6 / 3).Val, got 18");
        });

        Assert.Equal(caller, ran);
        Assert.Equal(Verdict.NotYet, verdict);
        Assert.Equal(
            ["Exercise division: not yet: expected 2 for (6 / 3).Val, got 18", "  Exercise division: correct", "  a warning"],
            lines);
        Assert.False(Exercise.RunInlineHere);
    }

    [Fact]
    public void Without_threads_the_three_verdicts_are_the_ones_a_thread_gives()
    {
        Action[] checks =
        [
            () => Expect.Close(0.1 + 0.2, 0.3, "for 0.1 + 0.2"),
            () => throw new System.Reflection.TargetInvocationException(new NotImplementedException()),
            () => throw new InvalidOperationException("Sequence contains no elements"),
        ];

        foreach (Action check in checks)
        {
            (Verdict onThread, string[] threadLines) = Run("tanh", check);
            (Verdict inline, string[] inlineLines) = RunInline("tanh", check);
            Assert.Equal(onThread, inline);
            Assert.Equal(threadLines, inlineLines);
        }

        Assert.Equal(Verdict.NotImplemented, RunInline("tanh", checks[1]).Verdict);
    }

    [Fact]
    public void Without_threads_no_time_limit_can_be_kept_so_a_slow_check_still_gets_its_verdict()
    {
        var writer = new StringWriter();
        TextWriter previous = Console.Out;
        Console.SetOut(writer);
        Exercise.RunInlineHere = true;
        Verdict verdict;
        try
        {
            verdict = Exercise.Check("slow", () => Thread.Sleep(300), TimeSpan.FromMilliseconds(50));
        }
        finally
        {
            Exercise.RunInlineHere = false;
            Console.SetOut(previous);
        }

        Assert.Equal(Verdict.Correct, verdict);
        Assert.Equal("Exercise slow: correct" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void Without_threads_a_stack_overflow_the_runtime_reports_is_a_verdict()
    {
        (Verdict verdict, string[] lines) = RunInline("deep", () => throw new StackOverflowException());
        (_, string[] insufficient) = RunInline("deep", () => throw new InsufficientExecutionStackException());

        Assert.Equal(Verdict.NotYet, verdict);
        Assert.Equal(["Exercise deep: not yet: your code recursed deeper than the stack allows (StackOverflowException)"], lines);
        Assert.Equal(["Exercise deep: not yet: your code recursed deeper than the stack allows (InsufficientExecutionStackException)"], insufficient);
    }

    [Theory]
    [InlineData("Division")]
    [InlineData("topo sort")]
    [InlineData("")]
    [InlineData("tanh:")]
    public void An_id_the_grader_could_not_read_is_refused(string id)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Exercise.Check(id, () => { }));
        Assert.Contains("kebab-case", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_shows_enough_decimals_to_tell_the_numbers_apart()
    {
        ExerciseFailure e = Assert.Throws<ExerciseFailure>(() => Expect.Close(0.30000012, 0.3, "for x_p.Val", tolerance: 0));

        Assert.Equal("expected 0.3000000 for x_p.Val, got 0.3000001", e.Message);
    }

    [Fact]
    public void Close_accepts_rounding_and_treats_nan_as_close_only_to_nan()
    {
        Expect.Close(0.1 + 0.2, 0.3, "sum");
        Expect.Close(double.NaN, double.NaN, "nan");
        Assert.Throws<ExerciseFailure>(() => Expect.Close(double.NaN, 1.0, "nan"));
        Assert.Throws<ExerciseFailure>(() => Expect.Close(1.0, double.NaN, "nan"));
        Assert.Throws<ExerciseFailure>(() => Expect.Close(1.0, double.PositiveInfinity, "inf"));
    }

    [Fact]
    public void Sequence_names_the_first_difference()
    {
        ExerciseFailure order = Assert.Throws<ExerciseFailure>(() => Expect.Sequence(["x_p", "y_p", "M"], ["x_p", "M", "y_p"], "the topological order"));
        ExerciseFailure count = Assert.Throws<ExerciseFailure>(() => Expect.Sequence(["x_p"], ["x_p", "M"], "the topological order"));

        Assert.Equal("expected \"M\" at position 1 of the topological order, got \"y_p\"", order.Message);
        Assert.Equal("expected 2 items in the topological order, got 1", count.Message);
    }

    [Fact]
    public void NotRecursive_finds_a_recursive_local_function_and_names_it()
    {
        ExerciseFailure e = Assert.Throws<ExerciseFailure>(() => Expect.NotRecursive((Func<int, int>)RecursiveSum, "RecursiveSum"));

        Assert.StartsWith("RecursiveSum is recursive (Visit calls Visit)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotRecursive_finds_mutual_recursion_and_passes_a_loop()
    {
        Assert.Throws<ExerciseFailure>(() => Expect.NotRecursive((Func<int, bool>)IsEven, "IsEven"));
        Expect.NotRecursive((Func<int, int>)IterativeSum, "IterativeSum");
    }

    [Fact]
    public void The_verdict_lines_are_the_ones_the_grader_parses()
    {
        Assert.Equal("Exercise a-1: correct", Exercise.VerdictLine("a-1", Verdict.Correct));
        Assert.Equal("Exercise a-1: not implemented yet", Exercise.VerdictLine("a-1", Verdict.NotImplemented));
        Assert.Equal("Exercise a-1: not yet: why", Exercise.VerdictLine("a-1", Verdict.NotYet, "why"));
    }

    private static int RecursiveSum(int n)
    {
        int Visit(int k) => k == 0 ? 0 : k + Visit(k - 1);
        return Visit(n);
    }

    private static int IterativeSum(int n)
    {
        int sum = 0;
        var stack = new Stack<int>();
        stack.Push(n);
        while (stack.Count > 0)
        {
            int k = stack.Pop();
            sum += k;
            if (k > 0)
            {
                stack.Push(k - 1);
            }
        }

        return sum;
    }

    private static bool IsEven(int n) => n == 0 || IsOdd(n - 1);

    private static bool IsOdd(int n) => n != 0 && IsEven(n - 1);

    /// <summary>As <see cref="Run"/>, with the check on the calling thread, as where there are no threads.</summary>
    private static (Verdict Verdict, string[] Lines) RunInline(string id, Action check)
    {
        Exercise.RunInlineHere = true;
        try
        {
            return Run(id, check);
        }
        finally
        {
            Exercise.RunInlineHere = false;
        }
    }

    private static (Verdict Verdict, string[] Lines) Run(string id, Action check)
    {
        var writer = new StringWriter();
        TextWriter previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            Verdict verdict = Exercise.Check(id, check);
            return (verdict, writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Console.SetOut(previous);
        }
    }
}
