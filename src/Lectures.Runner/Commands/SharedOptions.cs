using System.CommandLine;
using System.Globalization;
using Lectures.Runner.Execution;

namespace Lectures.Runner.Commands;

/// <summary>
/// The options several verbs share, each defined once with its limits and its message, so that
/// <c>--jobs 0</c> is refused in the same words by every verb that runs notebooks.
/// </summary>
internal static class SharedOptions
{
    /// <summary>A day: a longer cell timeout is a typo, not a plan (and the timers cannot count much further).</summary>
    public const double MaxCellTimeoutSeconds = 86_400;

    /// <summary>More workers than this at once is a typo on any machine this runs on.</summary>
    public const int MaxJobs = 64;

    /// <summary>Below this a worker cannot start its kernel.</summary>
    public const long MinMemoryLimitMb = 256;

    /// <summary>A terabyte: more is a typo.</summary>
    public const long MaxMemoryLimitMb = 1L << 20;

    /// <summary><c>--out DIR</c>: where a verb writes; <paramref name="defaultFolder"/> when not given.</summary>
    public static Option<string> Out(string description, string defaultFolder) => Define(
        "--out", "DIR", description, defaultFolder,
        (string value, out string folder) => (folder = value).Trim().Length > 0,
        value => value is null ? "--out needs a folder." : "--out needs a folder, not an empty name.");

    /// <summary><c>--cell-timeout SECONDS</c>, counted from a cell's start (see <see cref="Timeout"/>).</summary>
    public static Option<double> CellTimeout(string description, double defaultSeconds) => Define(
        "--cell-timeout", "SECONDS", string.Create(CultureInfo.InvariantCulture, $"{description} (at most {MaxCellTimeoutSeconds:0})"), defaultSeconds,
        (string value, out double seconds) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0 && seconds <= MaxCellTimeoutSeconds,
        value => string.Create(CultureInfo.InvariantCulture, $"--cell-timeout needs a number of seconds above 0 and at most {MaxCellTimeoutSeconds:0}{Given(value)}."));

    /// <summary><c>--jobs N</c>: notebooks or submissions run at once; the number of cores when not given.</summary>
    public static Option<int> Jobs(string description) => Define(
        "--jobs", "N", string.Create(CultureInfo.InvariantCulture, $"{description} (the number of cores when not given; 1 to {MaxJobs})"), Environment.ProcessorCount,
        (string value, out int jobs) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) && jobs is >= 1 and <= MaxJobs,
        value => string.Create(CultureInfo.InvariantCulture, $"--jobs needs a whole number from 1 to {MaxJobs}{Given(value)}."));

    /// <summary><c>--memory-limit MB</c>: each worker's heap limit, in megabytes (see <see cref="Bytes"/>).</summary>
    public static Option<long> MemoryLimit() => Define(
        "--memory-limit", "MB", string.Create(CultureInfo.InvariantCulture, $"heap limit of each notebook's process, in megabytes ({MinMemoryLimitMb} to {MaxMemoryLimitMb})"), RunSettings.DefaultMemoryLimitBytes >> 20,
        (string value, out long megabytes) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out megabytes) && megabytes is >= MinMemoryLimitMb and <= MaxMemoryLimitMb,
        value => string.Create(CultureInfo.InvariantCulture, $"--memory-limit needs a whole number of megabytes from {MinMemoryLimitMb} to {MaxMemoryLimitMb}{Given(value)}."));

    /// <summary>
    /// The notebooks or folders a verb works on. A word that starts with a dash is an option this
    /// verb does not have, and is refused as one rather than looked for as a file.
    /// </summary>
    public static Argument<string[]> Paths(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            string[] values = [.. result.Tokens.Select(t => t.Value)];
            string? problem = values.FirstOrDefault(v => v.Length > 1 && v[0] == '-') is string option ? $"Unknown option '{option}'."
                : values.Any(v => v.Length == 0) ? "An empty notebook or folder name was given."
                : null;
            if (problem is not null)
            {
                result.AddError(problem);
            }

            return values;
        },
    };

    /// <summary>The parsed <c>--cell-timeout</c>.</summary>
    public static TimeSpan Timeout(ParseResult parsed, Option<double> cellTimeout) => TimeSpan.FromSeconds(parsed.GetValue(cellTimeout));

    /// <summary>The parsed <c>--memory-limit</c> in bytes.</summary>
    public static long Bytes(ParseResult parsed, Option<long> memoryLimit) => parsed.GetValue(memoryLimit) << 20;

    /// <summary>
    /// An option with one value: <paramref name="parse"/> reads it (false when the text is no such
    /// value) and <paramref name="need"/> says what it needs, with the text given (null when none was).
    /// </summary>
    public static Option<T> Define<T>(string name, string helpName, string description, T defaultValue, ValueParser<T> parse, Func<string?, string> need)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string? value = result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
                if (value is not null && parse(value, out T parsed))
                {
                    return parsed;
                }

                result.AddError(need(value));
                return defaultValue;
            },
        };

        // An option given without its value is refused in the option's own words, not the parser's.
        option.Validators.Add(result =>
        {
            if (!result.Implicit && result.Tokens.Count == 0)
            {
                result.AddError(need(null));
            }
        });
        return option;
    }

    /// <summary>Reads an option's value from its text; false when the text is not one.</summary>
    public delegate bool ValueParser<T>(string text, out T value);

    private static string Given(string? value) => value is null ? string.Empty : $", not '{value}'";
}
