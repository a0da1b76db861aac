using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Execution;

/// <summary>How one notebook is run in its worker.</summary>
/// <param name="CellTimeout">How long a cell may run, counted from the moment the worker starts it (not from the kernel's start-up).</param>
/// <param name="ContinueAfterFailure">Run the later cells after a cell fails, as grading needs (every check cell gets its say); a crash or a timeout ends the run either way.</param>
/// <param name="MemoryLimitBytes">The worker's GC heap limit, so one notebook cannot take the machine's memory; null for <see cref="DefaultMemoryLimitBytes"/>.</param>
/// <param name="Sandbox">Run the worker in a bubblewrap sandbox with these folders and limits; null runs it with the runner's rights.</param>
/// <param name="GradingSeed">The seed of the hidden inputs, given to the cells in <paramref name="CheckCells"/> only, whose answers are collected.</param>
/// <param name="CheckCells">The numbers of the check cells, when grading.</param>
internal sealed record RunSettings(TimeSpan CellTimeout, bool ContinueAfterFailure = false, long? MemoryLimitBytes = null, SandboxPolicy? Sandbox = null, long? GradingSeed = null, IReadOnlySet<int>? CheckCells = null)
{
    /// <summary>4 GiB: ten times what the lectures need, a sixth of a 24 GiB machine.</summary>
    public const long DefaultMemoryLimitBytes = 4L << 30;

    /// <summary>The worker's heap limit in bytes.</summary>
    public long MemoryLimit => MemoryLimitBytes ?? DefaultMemoryLimitBytes;

    /// <summary>How long a worker may take to start its kernel before it counts as broken.</summary>
    public static TimeSpan StartupTimeout { get; } = TimeSpan.FromSeconds(120);
}
