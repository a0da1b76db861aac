using System.Text.Json;
using Autograd.Datasets;

namespace Autograd.Tests;

/// <summary>Moons against scikit-learn 1.2's make_moons; the expected values come from TestData/make-numpy-moons.py.</summary>
[Collection(NumpySamples.GlobalGenerator)]
public class MoonsTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < NumpySamples.Root.GetProperty("moons").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_scikit_learn_bit_for_bit(int index)
    {
        JsonElement c = NumpySamples.Root.GetProperty("moons")[index];
        var rs = new NumpyRandom(c.GetProperty("seed").GetInt64());
        JsonElement noise = c.GetProperty("noise");
        (double[][] x, int[] y) = Moons.Make(
            c.GetProperty("n_samples").GetInt32(),
            c.GetProperty("shuffle").GetBoolean(),
            noise.ValueKind == JsonValueKind.Null ? null : noise.GetDouble(),
            rs);

        Assert.Equal(c.GetProperty("X").EnumerateArray().Select(NumpySamples.Doubles), x);
        Assert.Equal(c.GetProperty("y").EnumerateArray().Select(e => e.GetInt32()), y);
        Assert.Equal(NumpySamples.Double(c.GetProperty("next_random_sample")), rs.RandomSample());
    }

    [Fact]
    public void The_demos_moons_after_seeding_1337_are_the_references_points_exactly()
    {
        NumpyRandom.Seed(1337);
        (double[][] x, int[] y) = Moons.Make(100, noise: 0.1);

        JsonElement inputs = NumpySamples.DemoInputs;
        string[][] expected = [.. inputs.GetProperty("moons_X").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetString()!).ToArray())];
        Assert.Equal(expected, x.Select(r => r.Select(PyFormat.Repr).ToArray()));
        Assert.Equal(inputs.GetProperty("moons_y").EnumerateArray().Select(e => e.GetInt32()), y.Select(v => (v * 2) - 1));
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Equal("nSamples", Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Make(-1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Make(10, noise: -0.1)).ParamName);
    }
}
