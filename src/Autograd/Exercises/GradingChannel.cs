namespace Autograd.Exercises;

/// <summary>
/// How a grader's worker process tells the checks that they run for a grade: it puts a seed and a
/// sink into <see cref="AppContext"/> data. With a sink, a check sends its answers there and prints
/// no verdict; without one (a student's editor) it compares and prints as it always did.
/// </summary>
/// <remarks>
/// Nothing here needs to be secret: a submission that removes the sink makes its checks print
/// verdicts nobody reads, and one that calls the sink itself can only send answers, which the
/// grader compares, in its own process, with the instructor's solution's answers on the same seed.
/// </remarks>
public static class GradingChannel
{
    /// <summary>The <see cref="AppContext"/> key of the sink: an <see cref="Action{T}"/> of <see cref="string"/> taking one answer record (JSON) per check.</summary>
    public const string SinkKey = "Autograd.Exercises.AnswerSink";

    /// <summary>The <see cref="AppContext"/> key of the seed of the hidden inputs, a decimal <see cref="long"/> as a string.</summary>
    public const string SeedKey = "Autograd.Exercises.GradingSeed";

    /// <summary>The sink when grading, or null in a student's editor.</summary>
    internal static Action<string>? Sink => AppContext.GetData(SinkKey) as Action<string>;

    /// <summary>The seed of the hidden inputs when grading, else <see cref="CheckInputs.EditorSeed"/>.</summary>
    internal static long Seed =>
        AppContext.GetData(SeedKey) is string text && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long seed)
            ? seed
            : CheckInputs.EditorSeed;
}
