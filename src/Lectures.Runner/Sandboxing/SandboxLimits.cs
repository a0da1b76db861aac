using System.Globalization;

namespace Lectures.Runner.Sandboxing;

/// <summary>
/// What one sandboxed worker may use. Each limit is enforced by the kernel and, when hit, named in
/// words in the grade table (<c>the submission ran more than 256 processes and threads at once</c>).
/// </summary>
/// <param name="MemoryBytes">The .NET heap limit (<c>DOTNET_GCHeapHardLimit</c>) and, where a memory cgroup can be made, the kernel's limit on everything the sandbox maps (plus room for the runtime itself).</param>
/// <param name="Processes">Processes and threads at once, counted together by a pids cgroup: a fork bomb stops here.</param>
/// <param name="CpuSeconds">CPU time per process (<c>RLIMIT_CPU</c>): a loop that escapes the cell clock in a child process still ends.</param>
/// <param name="OpenFiles">Open file descriptors per process (<c>RLIMIT_NOFILE</c>).</param>
/// <param name="ScratchBytes">The size of the private writable folder (<c>/tmp</c>, a tmpfs), the only place the submission can write.</param>
internal sealed record SandboxLimits(long MemoryBytes, int Processes, int CpuSeconds, int OpenFiles, long ScratchBytes)
{
    /// <summary>Room above the heap limit for the runtime, the compiler's native memory and a package restore's child processes.</summary>
    public const long RuntimeOverheadBytes = 1L << 30;

    /// <summary>The limits a class's submissions get: far above what the exercises need, far below what hurts the machine.</summary>
    public static SandboxLimits Default(long memoryBytes) => new(memoryBytes, Processes: 256, CpuSeconds: 600, OpenFiles: 1024, ScratchBytes: 256L << 20);

    /// <summary>One line for the top of the output and of the grade page.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"memory {MemoryBytes >> 20} MB, {Processes} processes and threads, {CpuSeconds} s of CPU per process, {OpenFiles} open files, {ScratchBytes >> 20} MB of scratch space, no network");
}
