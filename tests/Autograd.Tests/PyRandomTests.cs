using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Autograd.Tests;

/// <summary>PyRandom against CPython's random.Random; the expected values come from TestData/make-python-random.py.</summary>
public class PyRandomTests
{
    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Cases())
        {
            data.Add(c.GetProperty("seed").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Matches_cpython_bit_for_bit(string seed)
    {
        JsonElement expected = Cases().Single(c => c.GetProperty("seed").GetString() == seed);
        var rng = new PyRandom(BigInteger.Parse(seed, CultureInfo.InvariantCulture));

        foreach (JsonElement value in expected.GetProperty("random").EnumerateArray())
        {
            Assert.Equal(Parse(value), rng.Random());
        }

        foreach (JsonElement value in expected.GetProperty("uniform_minus3.5_7.25").EnumerateArray())
        {
            Assert.Equal(Parse(value), rng.Uniform(-3.5, 7.25));
        }

        for (int i = 0; i < 1001; i++)
        {
            rng.Random();
        }

        Assert.Equal(Parse(expected.GetProperty("random_after_1001_more")), rng.Random());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(5L)]
    [InlineData(-5L)]
    [InlineData(4294967296L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Long_and_big_integer_seeds_agree(long seed)
    {
        var fromLong = new PyRandom(seed);
        var fromBig = new PyRandom(new BigInteger(seed));
        for (int i = 0; i < 700; i++)
        {
            Assert.Equal(fromBig.NextUInt32(), fromLong.NextUInt32());
        }
    }

    [Fact]
    public void Seed_5_gives_the_lecture_stream()
    {
        var rng = new PyRandom(5);
        Assert.Equal(0.6229016948897019, rng.Random());
        Assert.Equal(0.7417869892607294, rng.Random());
        Assert.Equal(0.7951935655656966, rng.Random());
    }

    private static double Parse(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement[] Cases()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "python-random.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }
}
