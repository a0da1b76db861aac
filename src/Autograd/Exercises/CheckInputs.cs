using System.Globalization;
using System.Text;

namespace Autograd.Exercises;

/// <summary>
/// The inputs a check runs the student's code on, drawn by name from a seed. In a student's own
/// editor the seed is fixed and public, so the same feedback comes back on every run; while grading
/// it is chosen by the grader and the submission never sees it beforehand, so an answer written
/// down from the editor's feedback does not pass (the hidden tests of nbgrader and Gradescope).
/// </summary>
/// <remarks>
/// Each input is drawn from a generator of its own, seeded from the seed, the exercise id and the
/// input's name: adding an input to a check does not change the others, and the instructor's
/// solution, run by the grader on the same seed, sees the same numbers as every submission.
/// </remarks>
public sealed class CheckInputs
{
    /// <summary>The seed of a check outside grading: public, so a student sees the same inputs every time.</summary>
    public const long EditorSeed = 20_250_708;

    private readonly string _exercise;
    private readonly long _seed;

    internal CheckInputs(string exercise, long seed)
    {
        _exercise = exercise;
        _seed = seed;
    }

    /// <summary>A number drawn uniformly between <paramref name="min"/> and <paramref name="max"/> (CPython's <c>uniform</c>).</summary>
    /// <param name="name">The input's name within the check; the same name gives the same number.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value; must be above <paramref name="min"/>.</param>
    /// <exception cref="ArgumentException">The range is empty or not finite: a mistake of the check's author.</exception>
    public double Double(string name, double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
        {
            throw new ArgumentException($"The range of input '{name}' must be finite and not empty, not [{min}, {max}).", nameof(max));
        }

        return Random(name).Uniform(min, max);
    }

    /// <summary>A whole number drawn uniformly from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="max"/> is below <paramref name="min"/>.</exception>
    public int Int(string name, int min, int max)
    {
        if (max < min)
        {
            throw new ArgumentException($"The range of input '{name}' is empty: {min} to {max}.", nameof(max));
        }

        long span = (long)max - min + 1;
        return (int)(min + (long)Math.Floor(Random(name).Random() * span));
    }

    /// <summary>A generator of its own for the input <paramref name="name"/>, for inputs drawn in bulk (<see cref="DistanceLoss.GeneratePoints"/>).</summary>
    public PyRandom Random(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new PyRandom(new BigInteger(Mix($"{_seed.ToString(CultureInfo.InvariantCulture)}/{_exercise}/{name}"), isUnsigned: true));
    }

    /// <summary>FNV-1a over the UTF-8 bytes, widened to 16 bytes: a seed per input that every process computes alike.</summary>
    private static byte[] Mix(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        ulong low = 14695981039346656037UL, high = 1099511628211UL;
        foreach (byte b in bytes)
        {
            low = (low ^ b) * 1099511628211UL;
            high = (high ^ low) * 14695981039346656037UL;
        }

        return [.. BitConverter.GetBytes(low), .. BitConverter.GetBytes(high)];
    }
}
