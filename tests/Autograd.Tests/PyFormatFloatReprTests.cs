namespace Autograd.Tests;

/// <summary>PyFormat.FloatRepr: CPython's float repr, whole numbers included (values checked with CPython 3.11).</summary>
public class PyFormatFloatReprTests
{
    [Theory]
    [InlineData(50.0, "50.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(56.99999999999999, "56.99999999999999")]
    [InlineData(1e16, "1e+16")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Matches_cpython(double value, string expected) => Assert.Equal(expected, PyFormat.FloatRepr(value));
}
