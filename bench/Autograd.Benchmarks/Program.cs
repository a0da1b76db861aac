using Autograd.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--verify-exactpow")
{
    return ExactPowVerification.Run(args.AsSpan(1));
}

// One launch, 3 warm-up and 9 measured iterations unless the command line names a job
// (`--job short` for a quick look).
bool jobGiven = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
IConfig config = jobGiven
    ? DefaultConfig.Instance
    : DefaultConfig.Instance.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(DistanceLossBenchmarks).Assembly).Run(args, config);
return 0;
