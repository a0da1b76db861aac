using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Lectures.Runner.Tests;

/// <summary>
/// Mutated notebooks and arguments: whatever they are, the runner ends with 0, 1 or 2 and never
/// prints a stack trace. Most runs only read and check (<c>--check</c>), a few run the notebook.
/// </summary>
public sealed class MalformedInputPropertyTests : IDisposable
{
    private static readonly JsonNode?[] s_replacements =
        [null, 7, 4.0, -1, "x", "", true, new JsonArray(), new JsonObject(), new JsonArray(1, null, "y"), new JsonObject { ["a"] = null }];

    private static readonly string[] s_arguments =
        ["--jobs", "0", "1", "2", "--cell-timeout", "1e9", "0.5", "-1", "--memory-limit", "100", "512", "--out", "", "--bogus", "-", "nb.ipynb", "--check", "missing.ipynb", "."];

    private readonly string _folder = Directory.CreateTempSubdirectory("runner-property").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Mutated_notebooks_and_arguments_exit_0_1_or_2_without_a_stack_trace()
    {
        Gen<(int Node, int Replacement, int Kind, int[] Args, bool Run)> cases =
            from node in Gen.Int[0, 200]
            from replacement in Gen.Int[0, s_replacements.Length]
            from kind in Gen.Int[0, 5]
            from args in Gen.Int[0, s_arguments.Length - 1].Array[0, 4]
            from run in Gen.Int[0, 9]
            select (node, replacement, kind, args, run == 0);

        int index = 0;
        cases.Sample(
            c =>
            {
                string folder = Directory.CreateDirectory(Path.Combine(_folder, $"case{Interlocked.Increment(ref index)}")).FullName;
                byte[] notebook = Mutate(c.Node, c.Replacement, c.Kind);
                File.WriteAllBytes(Path.Combine(folder, "nb.ipynb"), notebook);
                string[] args = [.. c.Args.Select(i => s_arguments[i]), "nb.ipynb", "--out", "out", "--cell-timeout", "60", .. c.Run ? Array.Empty<string>() : ["--check"]];

                RunResult result = Runner.Run(folder, args);

                Assert.True(result.ExitCode is 0 or 1 or 2, $"{string.Join(' ', args)}\n{Encoding.UTF8.GetString(notebook)}\n{result}");
                Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);
                Assert.DoesNotContain("Unhandled exception", result.Stderr + result.Stdout, StringComparison.Ordinal);
                Assert.False(result.ExitCode == 2 && result.Stderr.Length == 0, result.ToString());
            },
            iter: 36,
            threads: 1,
            print: c => $"node {c.Node}, replacement {c.Replacement}, kind {c.Kind}, args [{string.Join(' ', c.Args.Select(i => s_arguments[i]))}], run {c.Run}");
    }

    /// <summary>
    /// A valid notebook changed in one place: a node replaced by a value of another type or deleted,
    /// a key duplicated, a byte made invalid UTF-8, the text cut short, or left as it is.
    /// </summary>
    private static byte[] Mutate(int nodeChoice, int replacement, int kind)
    {
        string valid = File.ReadAllText(Path.Combine(Runner.TestData, "malformed", "fine.ipynb"));
        JsonNode root = JsonNode.Parse(valid)!;
        var nodes = new List<(JsonNode Parent, object Key)>();
        Collect(root, nodes);
        (JsonNode parent, object key) = nodes[nodeChoice % nodes.Count];
        switch (kind)
        {
            case 0:
                return Encoding.UTF8.GetBytes(valid);
            case 1 or 2:
                JsonNode? value = replacement < s_replacements.Length ? s_replacements[replacement]?.DeepClone() : null;
                if (parent is JsonObject o)
                {
                    if (replacement == s_replacements.Length)
                    {
                        o.Remove((string)key);
                    }
                    else
                    {
                        o[(string)key] = value;
                    }
                }
                else
                {
                    ((JsonArray)parent)[(int)key] = value;
                }

                return Encoding.UTF8.GetBytes(root.ToJsonString());
            case 3:
                string text = root.ToJsonString();
                int brace = text.IndexOf("\"", 1 + (nodeChoice % Math.Max(1, text.Length - 2)), StringComparison.Ordinal);
                return Encoding.UTF8.GetBytes(brace < 0 ? text : text.Insert(brace, "\"nbformat\": 4, "));
            case 4:
                byte[] bytes = Encoding.UTF8.GetBytes(valid);
                bytes[nodeChoice * 7 % bytes.Length] = 0xFF;
                return bytes;
            default:
                byte[] whole = Encoding.UTF8.GetBytes(valid);
                return whole[..(nodeChoice * 13 % whole.Length)];
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, object Key)> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string key, JsonNode? child) in o)
                {
                    into.Add((o, key));
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    into.Add((a, i));
                    if (a[i] is JsonNode child)
                    {
                        Collect(child, into);
                    }
                }

                break;
        }
    }
}
