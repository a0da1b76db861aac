using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Autograd.Tests;

/// <summary>
/// <see cref="PyFormat.Repr"/> against CPython's <c>repr</c> on 409,600 doubles (a quarter of them in
/// the 1e15 .. 1e17 band, where positional and scientific notation meet); the expected output comes
/// from TestData/make-pyformat-repr.py, whose input sequence <see cref="Sample"/> mirrors.
/// </summary>
public class PyFormatReprTests
{
    private static readonly JsonElement s_data = Load();

    [Theory]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(9007199254740994.0, "9007199254740994")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e16, "1e+16")]
    [InlineData(-1e16, "-1e+16")]
    [InlineData(12345678901234568.0, "1.2345678901234568e+16")]
    [InlineData(2251799813685248.5, "2251799813685248.5")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.1914656577245382, "1.1914656577245382")]
    [InlineData(0.1, "0.1")]
    [InlineData(2.0, "2")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    public void Prints_as_CPython_repr(double value, string expected)
    {
        Assert.Equal(expected, PyFormat.Repr(value));
    }

    /// <summary>CPython's <c>repr</c> of these floats, as <c>python3 -c "print(repr(x))"</c> prints them.</summary>
    [Theory]
    [InlineData(50.0, "50.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e22, "1e+22")]
    [InlineData(0.57 * 100, "56.99999999999999")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(2.5, "2.5")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void FloatRepr_prints_as_CPython_repr_of_a_float(double value, string expected)
    {
        Assert.Equal(expected, PyFormat.FloatRepr(value));
    }

    [Fact]
    public void Every_chunk_of_the_sample_matches_CPython()
    {
        int chunk = s_data.GetProperty("chunk").GetInt32();
        string[] expected = [.. s_data.GetProperty("chunkSha256Prefixes").EnumerateArray().Select(e => e.GetString()!)];
        Assert.True(expected.Length * chunk >= 400_000, "the sample must hold at least 400,000 doubles");
        var differing = new List<int>();
        var text = new StringBuilder();
        for (int c = 0; c < expected.Length; c++)
        {
            text.Clear();
            for (long i = (long)c * chunk; i < (long)(c + 1) * chunk; i++)
            {
                text.Append(PyFormat.Repr(Sample(i))).Append('\n');
            }

            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
            if (hash != expected[c])
            {
                differing.Add(c);
            }
        }

        Assert.True(
            differing.Count == 0,
            $"{differing.Count} of {expected.Length} chunks differ from CPython, first chunk {(differing.Count > 0 ? differing[0] : -1)} "
            + $"(inputs {(differing.Count > 0 ? differing[0] * chunk : 0)} ..); rerun make-pyformat-repr.py with a smaller VERBATIM_EVERY to see the lines");
    }

    [Fact]
    public void The_verbatim_cases_match_and_the_input_sequence_is_the_scripts()
    {
        int every = 400;
        int k = 0;
        foreach (JsonElement pair in s_data.GetProperty("verbatim").EnumerateArray())
        {
            double value = BitConverter.Int64BitsToDouble(long.Parse(pair[0].GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            Assert.True(
                BitConverter.DoubleToInt64Bits(Sample((long)k * every)) == BitConverter.DoubleToInt64Bits(value),
                $"input {k * every}: C# draws {Sample((long)k * every):R}, the script drew {value:R}");
            Assert.Equal(pair[1].GetString(), PyFormat.Repr(value));
            k++;
        }

        Assert.True(k >= 1000);
    }

    /// <summary>Input <paramref name="i"/> of the script's sequence (its <c>sample(i)</c>).</summary>
    private static double Sample(long i)
    {
        const ulong Seed = 20261126;
        ulong r = Mix((Seed * 0x100000001UL) + (2 * (ulong)i));
        ulong s = Mix((Seed * 0x100000001UL) + (2 * (ulong)i) + 1);
        switch (i % 8)
        {
            case 0:
                return BitConverter.Int64BitsToDouble((long)r);
            case 1:
                return (double)(long)(1_000_000_000_000_000UL + (r % 90_000_000_000_000_001UL));
            case 2:
                return FromParts(1023 + 49 + (long)(s % 8), r);
            case 3:
                return (r >> 11) * Math.ScaleB(1.0, -53);
            case 4:
                return FromParts(1023 - 100 + (long)(s % 200), r);
            case 5:
                return (double)((long)(r % 2_000_001) - 1_000_000) / (double)(1 + (long)(s % 4));
            case 6:
                {
                    int k = (int)(r % 61) - 30;
                    double power = double.Parse("1e" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) + (long)(s % 3) - 1);
                }

            default:
                return (s & 1) != 0
                    ? -(double)(long)(1_000_000_000_000_000UL + (r % 90_000_000_000_000_001UL))
                    : -FromParts(1023 + 49 + (long)(s % 8), r);
        }
    }

    private static double FromParts(long biasedExponent, ulong mantissaBits) =>
        BitConverter.Int64BitsToDouble((biasedExponent << 52) | (long)(mantissaBits & 0xFFFFFFFFFFFFFUL));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static JsonElement Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "pyformat-repr.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
