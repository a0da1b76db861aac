namespace Lectures.Runner.Tests;

/// <summary>Every malformed notebook and option: exit 2 with one line saying what is wrong, before that notebook runs.</summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runner-malformed").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> Notebooks => new()
    {
        { "cell-metadata-string.ipynb", "cell 1's \"metadata\" must be an object; it is the string \"csharp\"." },
        { "cell-null.ipynb", "cell 2 is null, not an object." },
        { "cell-type-number.ipynb", "cell 1's \"cell_type\" must be a string; it is the number 7." },
        { "cell-type-unknown.ipynb", "cell 1 has the unknown cell_type \"sql\" (code, markdown or raw are expected)." },
        { "cells-missing.ipynb", "not a Jupyter notebook (a \"cells\" list is expected; it is missing)." },
        { "cells-object.ipynb", "not a Jupyter notebook (a \"cells\" list is expected; it is an object)." },
        { "duplicate-key-in-cell.ipynb", "malformed JSON (Duplicate property 'cell_type' encountered during deserialization.)." },
        { "duplicate-key.ipynb", "malformed JSON (Duplicate property 'nbformat' encountered during deserialization.)." },
        { "execution-count-string.ipynb", "cell 1's \"execution_count\" must be null or a whole number; it is the string \"1\"." },
        { "id-number.ipynb", "cell 1's \"id\" must be a string; it is the number 1." },
        { "invalid-utf8.ipynb", "not valid UTF-8 (byte 223 is not part of a UTF-8 character); a notebook is UTF-8 JSON." },
        { "kernel-name-number.ipynb", "cell 1's polyglot_notebook metadata's \"kernelName\" must be a string; it is the number 7." },
        { "metadata-list.ipynb", "the notebook's \"metadata\" must be an object; it is a list." },
        { "nbformat-3.ipynb", "not a Jupyter notebook of format 4 (\"nbformat\" must be the integer 4; it is 3)." },
        { "nbformat-4.0.ipynb", "not a Jupyter notebook of format 4 (\"nbformat\" must be the integer 4; it is 4.0)." },
        { "nbformat-minor-fraction.ipynb", "\"nbformat_minor\" must be a whole number of 0 or more; it is the number 5.5." },
        { "nbformat-minor-string.ipynb", "\"nbformat_minor\" must be a whole number of 0 or more; it is the string \"5\"." },
        { "nbformat-string.ipynb", "not a Jupyter notebook of format 4 (\"nbformat\" must be the integer 4; it is \"4\")." },
        { "outputs-object.ipynb", "cell 1's \"outputs\" must be a list; it is an object." },
        { "root-list.ipynb", "the JSON is not an object, so it is not a notebook." },
        { "source-list-with-null.ipynb", "cell 1's \"source\" must be a string or a list of strings; it is a list." },
        { "source-number.ipynb", "cell 1's \"source\" must be a string or a list of strings; it is the number 42." },
        { "truncated.ipynb", "malformed JSON (Expected a value, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 80.)." },
    };

    [Fact]
    public void Each_malformed_notebook_gets_its_one_line_reason_and_the_good_one_still_runs()
    {
        string folder = Runner.CopyFolder(Path.Combine(Runner.TestData, "malformed"), Path.Combine(_folder, "malformed"));

        RunResult result = Runner.Run(_folder, "malformed", "--out", "out");

        Assert.True(result.ExitCode == 2, result.ToString());
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Notebooks.Count, lines.Length);
        foreach (object[] row in Notebooks)
        {
            Assert.Contains($"error: {Path.Combine(folder, (string)row[0])}: {(string)row[1]}", lines);
        }

        Assert.Equal("1 notebook(s) in", string.Join(' ', result.Stdout.Split('\n')[^2].Split(' ').Take(3)));
        Assert.True(File.Exists(Path.Combine(_folder, "out", "fine.ipynb")));
        Assert.Equal(["fine.html", "fine.ipynb", "fine.slides.html"], Directory.GetFiles(Path.Combine(_folder, "out")).Select(p => Path.GetFileName(p)).Order());
    }

    [Theory]
    [InlineData("--cell-timeout needs a number of seconds above 0 and at most 86400, not '1e9'.", "--cell-timeout", "1e9")]
    [InlineData("--cell-timeout needs a number of seconds above 0 and at most 86400, not 'NaN'.", "--cell-timeout", "NaN")]
    [InlineData("--cell-timeout needs a number of seconds above 0 and at most 86400, not 'soon'.", "--cell-timeout", "soon")]
    [InlineData("--cell-timeout needs a number of seconds above 0 and at most 86400, not '-3'.", "--cell-timeout", "-3")]
    [InlineData("--jobs needs a whole number from 1 to 64, not '0'.", "--jobs", "0")]
    [InlineData("--jobs needs a whole number from 1 to 64, not '1.5'.", "--jobs", "1.5")]
    [InlineData("--jobs needs a whole number from 1 to 64, not '99999999999'.", "--jobs", "99999999999")]
    [InlineData("--memory-limit needs a whole number of megabytes from 256 to 1048576, not '1'.", "--memory-limit", "1")]
    [InlineData("--jobs needs a whole number from 1 to 64.", "--jobs")]
    [InlineData("--out needs a folder.", "--out")]
    [InlineData("Unknown option '--frobnicate'.", "--frobnicate")]
    [InlineData("An empty notebook or folder name was given.", "")]
    public void Out_of_range_options_exit_2_with_a_one_line_reason_and_the_usage(string reason, params string[] args)
    {
        RunResult result = Runner.InProcess(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"error: {reason}\n\n", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Runs .NET Interactive", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
