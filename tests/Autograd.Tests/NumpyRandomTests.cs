using System.Globalization;
using System.Text.Json;
using Autograd.Datasets;

namespace Autograd.Tests;

/// <summary>NumpyRandom against numpy 1.24's legacy RandomState; the expected values come from TestData/make-numpy-moons.py.</summary>
[Collection(NumpySamples.GlobalGenerator)]
public class NumpyRandomTests
{
    public static TheoryData<long> Seeds()
    {
        var data = new TheoryData<long>();
        foreach (JsonElement g in NumpySamples.Root.GetProperty("generators").EnumerateArray())
        {
            data.Add(g.GetProperty("seed").GetInt64());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Matches_numpy_bit_for_bit(long seed)
    {
        JsonElement expected = NumpySamples.Root.GetProperty("generators").EnumerateArray().Single(g => g.GetProperty("seed").GetInt64() == seed);
        var rs = new NumpyRandom(seed);

        Assert.Equal(NumpySamples.Doubles(expected.GetProperty("random_sample_8")), rs.RandomSample(8));
        double[] normals = [.. Enumerable.Range(0, 7).Select(_ => rs.StandardNormal())];
        Assert.Equal(NumpySamples.Doubles(expected.GetProperty("standard_normal_7")), normals);
        Assert.Equal(NumpySamples.Doubles(expected.GetProperty("normal_0.5_2_5")), rs.Normal(0.5, 2.0, 5));
        foreach (JsonProperty p in expected.GetProperty("permutations").EnumerateObject())
        {
            int[] want = [.. p.Value.EnumerateArray().Select(e => e.GetInt32())];
            Assert.Equal(want, rs.Permutation(int.Parse(p.Name, CultureInfo.InvariantCulture)));
        }

        string[] items = [.. Enumerable.Range(0, 17).Select(i => $"item{i}")];
        rs.Shuffle(items);
        Assert.Equal(expected.GetProperty("shuffle_17_items").EnumerateArray().Select(e => e.GetString()!), items);

        for (int i = 0; i < 1500; i++)
        {
            rs.RandomSample();
        }

        Assert.Equal(NumpySamples.Double(expected.GetProperty("random_sample_after_1500_more")), rs.RandomSample());
    }

    [Fact]
    public void Seed_reseeds_the_global_generator_in_place_as_np_random_seed()
    {
        NumpyRandom global = NumpyRandom.Global;
        global.StandardNormal(); // leaves a Gaussian kept, which seeding must forget
        NumpyRandom.Seed(1337);
        Assert.Same(global, NumpyRandom.Global);
        Assert.Equal(NumpySamples.Doubles(NumpySamples.Root.GetProperty("global_seed_1337_random_sample_3")), NumpyRandom.Global.RandomSample(3));
    }

    [Fact]
    public void Seed_1337_gives_the_demos_first_draws()
    {
        JsonElement inputs = NumpySamples.DemoInputs;
        var rs = new NumpyRandom(1337);
        Assert.Equal(NumpySamples.Doubles(inputs.GetProperty("numpy_randomstate_1337_first_random_sample")), rs.RandomSample(5));
        double[] normals = [.. Enumerable.Range(0, 5).Select(_ => rs.StandardNormal())];
        Assert.Equal(NumpySamples.Doubles(inputs.GetProperty("numpy_randomstate_1337_then_standard_normal")), normals);
        int[] permutation = [.. inputs.GetProperty("numpy_randomstate_1337_then_permutation_10").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(permutation, rs.Permutation(10));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void A_seed_numpy_rejects_is_rejected_with_its_range(long seed)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandom(seed));
        Assert.Contains("2**32 - 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NumpyRandom.Seed(seed));
    }

    [Fact]
    public void A_negative_scale_or_count_is_rejected()
    {
        var rs = new NumpyRandom(0);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => rs.Normal(0, -1, 3)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => rs.Permutation(-1)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => rs.RandomSample(-2)).ParamName);
    }
}
