using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Lectures.Runner.Tests;

/// <summary>
/// The README's GitHub Actions workflow, read as YAML and checked against the shape GitHub expects
/// (no actionlint here): a matrix of shards that covers 1..N and passes K/N to grade, and a merge job
/// after them that merges every shard it downloaded.
/// </summary>
public partial class WorkflowTests
{
    [Fact]
    public void The_readme_workflow_parses_and_has_the_shape_of_a_matrix_of_shards_and_a_merge_job()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Match block = YamlBlock().Match(readme);
        Assert.True(block.Success, "the README has no ```yaml block");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(block.Groups[1].Value));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.True(root.Children.ContainsKey("name") && root.Children.ContainsKey("on") && root.Children.ContainsKey("jobs"));

        var jobs = (YamlMappingNode)root["jobs"];
        foreach ((YamlNode name, YamlNode job) in jobs.Children)
        {
            var mapping = (YamlMappingNode)job;
            Assert.True(mapping.Children.ContainsKey("runs-on"), $"job {name} has no runs-on");
            var steps = (YamlSequenceNode)mapping["steps"];
            Assert.All(steps.Children.Cast<YamlMappingNode>(), step =>
                Assert.True(step.Children.ContainsKey("uses") ^ step.Children.ContainsKey("run"), $"a step of {name} needs exactly one of uses and run"));
            Assert.All(steps.Children.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("uses")), step =>
                Assert.Matches("^[a-z-]+/[a-z-]+@v[0-9]+$", ((YamlScalarNode)step["uses"]).Value!));
        }

        var grade = (YamlMappingNode)jobs["grade"];
        int[] shards = [.. ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)grade["strategy"])["matrix"])["shard"]).Children.Select(s => int.Parse(((YamlScalarNode)s).Value!, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(Enumerable.Range(1, shards.Length), shards);
        string[] runs = [.. Runs(grade)];
        Assert.Contains(runs, r => r.Contains($"grade submissions --shard ${{{{ matrix.shard }}}}/{shards.Length}", StringComparison.Ordinal) && r.Contains("--seed", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("apt-get install -y bubblewrap", StringComparison.Ordinal));

        var merge = (YamlMappingNode)jobs["merge"];
        Assert.Equal("grade", ((YamlScalarNode)merge["needs"]).Value);
        string mergeRun = Runs(merge).Single(r => r.Contains("grade merge", StringComparison.Ordinal));
        Assert.All(shards, k => Assert.Contains($"shard-{k}", mergeRun, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Runs(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value!);

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
