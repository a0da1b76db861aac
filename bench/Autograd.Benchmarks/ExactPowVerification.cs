using System.Diagnostics;
using Autograd.Tests;

namespace Autograd.Benchmarks;

/// <summary>
/// <c>--verify-exactpow [count]</c>: compares ExactPow with Math.Pow bit for bit on
/// <c>count</c> samples per exponent (default 200,000,000: 1,000,000,000 values over the five
/// exponents), far more than a unit test can afford, and exits with 1 if any differ.
/// </summary>
internal static class ExactPowVerification
{
    public static int Run(ReadOnlySpan<string> args)
    {
        long count = args.Length > 0 ? long.Parse(args[0].Replace("_", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : 200_000_000;
        const ulong Seed = 0x5EED_2026_1126UL;
        Console.WriteLine($"ExactPow fast path: {(ExactPow.FastPathEnabled ? "on" : "off")} (glibc {ExactPow.GlibcVersion ?? "not found"}); "
            + $"{count:N0} samples per exponent, classes cycling: {string.Join(", ", PowSamples.Classes)}; seed {Seed:X}");
        long total = 0;
        foreach (double exponent in PowSamples.Exponents)
        {
            var watch = Stopwatch.StartNew();
            (long mismatches, double first) = PowSamples.Compare(Seed, exponent, count);
            total += mismatches;
            Console.WriteLine($"exponent {exponent,4}: {mismatches:N0} mismatches of {count:N0} ({watch.Elapsed.TotalSeconds:F1} s)"
                + (mismatches == 0 ? "" : $"; first at x = {first:R}"));
        }

        Console.WriteLine($"total: {total:N0} mismatches of {count * PowSamples.Exponents.Length:N0}");
        return total == 0 ? 0 : 1;
    }
}
