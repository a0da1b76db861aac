using System.Text.Json;
using Autograd.Exercises;

namespace Autograd.Tests;

/// <summary>
/// Checks while grading: a sink in <see cref="AppContext"/> turns each check into a record of the
/// student's answers (never a verdict), and the inputs come from the grader's seed.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ExerciseGradingTests
{
    [Fact]
    public void While_grading_a_check_sends_the_student_s_values_and_prints_no_verdict()
    {
        (string[] lines, List<string> records) = Grade(42, () => Exercise.Check("division", given =>
        {
            double a = given.Double("a", 1, 10);
            Console.WriteLine($"the hidden input is {a}");
            Expect.Close(a + 1, a, "for a + 1");
            Expect.Equal("tanh", "tan", "as the op name");
            Expect.True(false, "the output must come last");
            Expect.Sequence(["x", "y"], ["y", "x"], "the order");
        }));

        Assert.Equal(["Exercise division: answers sent to the grader"], lines);
        using JsonDocument record = JsonDocument.Parse(Assert.Single(records));
        Assert.Equal("division", record.RootElement.GetProperty("id").GetString());
        Assert.Equal("completed", record.RootElement.GetProperty("end").GetString());
        JsonElement[] answers = [.. record.RootElement.GetProperty("answers").EnumerateArray()];
        Assert.Equal(["number", "value", "condition", "sequence"], answers.Select(a => a.GetProperty("kind").GetString()));
        double drawn = new CheckInputs("division", 42).Double("a", 1, 10);
        Assert.Equal((drawn + 1).ToString("R", System.Globalization.CultureInfo.InvariantCulture), answers[0].GetProperty("value").GetString());
        Assert.Equal("\"tanh\"", answers[1].GetProperty("value").GetString());
        Assert.Equal("false", answers[2].GetProperty("value").GetString());
        Assert.Equal(JsonSerializer.Serialize(new[] { "\"x\"", "\"y\"" }), answers[3].GetProperty("value").GetString());
    }

    [Fact]
    public void While_grading_an_unfinished_exercise_is_sent_as_not_implemented()
    {
        (_, List<string> records) = Grade(1, () => Exercise.Check("tanh", _ => throw new NotImplementedException()));

        using JsonDocument record = JsonDocument.Parse(Assert.Single(records));
        Assert.Equal("not-implemented", record.RootElement.GetProperty("end").GetString());
        Assert.Equal(0, record.RootElement.GetProperty("answers").GetArrayLength());
    }

    [Fact]
    public void Without_threads_a_graded_check_records_the_answers_on_the_calling_thread()
    {
        Exercise.RunInlineHere = true;
        (string[] lines, List<string> records) inline;
        try
        {
            inline = Grade(42, () => Exercise.Check("division", given => Expect.Close(given.Double("a", 1, 10) + 1, 0, "for a + 1")));
        }
        finally
        {
            Exercise.RunInlineHere = false;
        }

        (string[] lines, List<string> records) threaded = Grade(42, () => Exercise.Check("division", given => Expect.Close(given.Double("a", 1, 10) + 1, 0, "for a + 1")));
        Assert.Equal(["Exercise division: answers sent to the grader"], inline.lines);
        Assert.Equal(threaded.records, inline.records);
        using JsonDocument record = JsonDocument.Parse(Assert.Single(inline.records));
        Assert.Equal("for a + 1", Assert.Single(record.RootElement.GetProperty("answers").EnumerateArray()).GetProperty("what").GetString());
    }

    [Fact]
    public void Inputs_are_the_same_for_a_seed_and_name_and_differ_between_seeds_and_names()
    {
        var editor = new CheckInputs("division", CheckInputs.EditorSeed);
        Assert.Equal(editor.Double("a", 1, 10), new CheckInputs("division", CheckInputs.EditorSeed).Double("a", 1, 10));
        Assert.NotEqual(editor.Double("a", 1, 10), editor.Double("b", 1, 10));
        Assert.NotEqual(editor.Double("a", 1, 10), new CheckInputs("division", 7).Double("a", 1, 10));
        Assert.NotEqual(editor.Double("a", 1, 10), new CheckInputs("tanh", CheckInputs.EditorSeed).Double("a", 1, 10));
        Assert.All(Enumerable.Range(0, 200), i => Assert.InRange(new CheckInputs("x", i).Int("n", 3, 5), 3, 5));
        Assert.Throws<ArgumentException>(() => editor.Double("a", 2, 1));
    }

    [Fact]
    public void In_the_editor_a_check_with_inputs_compares_and_prints_its_verdict_as_before()
    {
        var writer = new StringWriter();
        TextWriter previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            Verdict verdict = Exercise.Check("division", given => Expect.Close(given.Double("a", 1, 2), 5, "for a"));
            Assert.Equal(Verdict.NotYet, verdict);
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.StartsWith("Exercise division: not yet: expected 5.0000 for a, got 1.", writer.ToString(), StringComparison.Ordinal);
    }

    private static (string[] Lines, List<string> Records) Grade(long seed, Action check)
    {
        var records = new List<string>();
        var writer = new StringWriter();
        TextWriter previous = Console.Out;
        Console.SetOut(writer);
        AppContext.SetData(GradingChannel.SinkKey, (Action<string>)records.Add);
        AppContext.SetData(GradingChannel.SeedKey, seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            check();
        }
        finally
        {
            AppContext.SetData(GradingChannel.SinkKey, null);
            AppContext.SetData(GradingChannel.SeedKey, null);
            Console.SetOut(previous);
        }

        return (writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), records);
    }
}
