namespace Autograd.Tests;

/// <summary><c>ExactPow</c> must be <see cref="Math.Pow"/> bit for bit, only faster.</summary>
public class ExactPowTests
{
    private const long SamplesPerExponent = 10_000_000;

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    public void Agrees_with_Math_Pow_bit_for_bit_on_ten_million_values(double exponent)
    {
        (long mismatches, double first) = PowSamples.Compare(seed: 20261126, exponent, SamplesPerExponent);

        Assert.True(
            mismatches == 0,
            $"{mismatches} of {SamplesPerExponent} differ; first at x = {first:R} (bits {BitConverter.DoubleToInt64Bits(first):X16}): "
            + $"ExactPow {ExactPow.Pow(first, exponent):R}, Math.Pow {Math.Pow(first, exponent):R}");
    }

    [Fact]
    public void Every_input_class_is_drawn_and_reaches_the_fast_path()
    {
        // The comparison above is only worth something if the fast path is taken: on glibc it must be.
        if (File.Exists("/proc/self/maps") && File.ReadAllText("/proc/self/maps").Contains("libc.so.6", StringComparison.Ordinal))
        {
            Assert.True(ExactPow.FastPathEnabled, $"glibc {ExactPow.GlibcVersion} is loaded but the fast path is off");
        }

        var perClass = new int[PowSamples.Classes.Length];
        for (long i = 0; i < 80_000; i++)
        {
            double x = PowSamples.At(1, i);
            if (double.IsFinite(x) && x > Math.ScaleB(1.0, -900) && x < Math.ScaleB(1.0, 900) && ExactPow.SquareRoot(x) == Math.Sqrt(x))
            {
                perClass[i % PowSamples.Classes.Length]++;
            }
        }

        // Every class but the negatives and the subnormals (left to Math.Pow) lands inputs on the fast path.
        for (int k = 0; k < perClass.Length; k++)
        {
            if (PowSamples.Classes[k] is not ("negative" or "subnormal"))
            {
                Assert.True(perClass[k] > 0, $"class {PowSamples.Classes[k]} never reached the fast path");
            }
        }
    }

    [Fact]
    public void Special_cases_are_Math_Pow_exactly()
    {
        (double X, double Y)[] cases =
        [
            (0.0, 0.5), (-0.0, 0.5), (double.NegativeInfinity, 0.5), (-4.0, 0.5), (-0.0, -0.5), (0.0, -1.0), (-0.0, -1.0),
            (-0.0, 1.0), (double.NaN, 1.0), (1e300, 2.0), (1e-300, 2.0), (5e-324, 1.0), (3.0, 3.0), (-0.0, 2.0),
        ];
        foreach ((double x, double y) in cases)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(Math.Pow(x, y)) == BitConverter.DoubleToInt64Bits(ExactPow.Pow(x, y)),
                $"pow({x:R}, {y:R}): Math.Pow {Math.Pow(x, y):R}, ExactPow {ExactPow.Pow(x, y):R}");
        }
    }

    [Fact]
    public void A_negative_NaN_to_the_first_power_is_Math_Pow_exactly()
    {
        double negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000UL));

        Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Pow(negativeNaN, 1.0)), BitConverter.DoubleToInt64Bits(ExactPow.Pow(negativeNaN, 1.0)));
    }

    [Theory]
    [InlineData("2.36", true)]
    [InlineData("2.28", true)]
    [InlineData("2.28.9000", true)]
    [InlineData("3.0", true)]
    [InlineData("2.27", false)]
    [InlineData("2.17", false)]
    [InlineData("1.99", false)]
    [InlineData("", false)]
    [InlineData("glibc", false)]
    [InlineData(null, false)]
    public void Only_glibc_2_28_or_newer_enables_the_fast_path(string? version, bool expected)
    {
        Assert.Equal(expected, ExactPow.IsAtLeast228(version));
    }
}
