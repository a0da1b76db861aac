using System.Globalization;

namespace Lectures.Runner.Sandboxing;

/// <summary>
/// A control group of its own for one sandbox: a pids limit (processes and threads together, which
/// the kernel enforces for every user, root too, unlike <c>RLIMIT_NPROC</c>) and a memory limit,
/// with the counters that say afterwards which one was hit. cgroup v1 (<c>/sys/fs/cgroup/pids</c>,
/// <c>/sys/fs/cgroup/memory</c>) and v2 (a writable unified hierarchy) are both understood.
/// </summary>
internal sealed class ControlGroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private readonly List<string> _folders;
    private readonly string? _pids;
    private readonly string? _memory;
    private readonly bool _unified;

    private ControlGroup(List<string> folders, string? pids, string? memory, bool unified)
    {
        _folders = folders;
        _pids = pids;
        _memory = memory;
        _unified = unified;
    }

    /// <summary>The files a process writes its id into to join the group (one per hierarchy).</summary>
    public IReadOnlyList<string> ProcFiles => [.. _folders.Select(f => Path.Combine(f, "cgroup.procs"))];

    /// <summary>Makes a group with both limits, or returns null (and why) where this process cannot make one.</summary>
    public static ControlGroup? Create(string name, int processes, long memoryBytes, out string? problem)
    {
        problem = null;
        var made = new List<string>();
        try
        {
            if (File.Exists(Path.Combine(Root, "cgroup.controllers")))
            {
                string folder = Path.Combine(Root, name);
                Directory.CreateDirectory(folder);
                made.Add(folder);
                File.WriteAllText(Path.Combine(folder, "pids.max"), processes.ToString(CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(folder, "memory.max"), memoryBytes.ToString(CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(folder, "memory.swap.max"), "0");
                return new ControlGroup(made, folder, folder, unified: true);
            }

            string pids = Path.Combine(Root, "pids", name);
            string memory = Path.Combine(Root, "memory", name);
            Directory.CreateDirectory(pids);
            made.Add(pids);
            File.WriteAllText(Path.Combine(pids, "pids.max"), processes.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(memory);
            made.Add(memory);
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), memoryBytes.ToString(CultureInfo.InvariantCulture));
            return new ControlGroup(made, pids, memory, unified: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"no control group could be made under {Root} ({e.Message})";
            new ControlGroup(made, null, null, unified: false).Dispose();
            return null;
        }
    }

    /// <summary>How many times a process or thread could not start because of the pids limit.</summary>
    public long ProcessLimitEvents => Counter(_pids, "pids.events", "max");

    /// <summary>True when the kernel's out-of-memory killer ended a process of the group.</summary>
    public bool MemoryLimitHit => _unified
        ? Counter(_memory, "memory.events", "oom_kill") > 0
        : Counter(_memory, "memory.oom_control", "oom_kill") > 0;

    /// <summary>Ends whatever is left in the group and removes it.</summary>
    public void Dispose()
    {
        foreach (string folder in Enumerable.Reverse(_folders))
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    KillAll(folder);
                    Directory.Delete(folder);
                    break;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Thread.Sleep(20); // the processes are still exiting
                }
            }
        }
    }

    private static void KillAll(string folder)
    {
        string procs = Path.Combine(folder, "cgroup.procs");
        if (!File.Exists(procs))
        {
            return;
        }

        foreach (string line in File.ReadAllLines(procs))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }
    }

    private static long Counter(string? folder, string file, string key)
    {
        if (folder is null)
        {
            return 0;
        }

        try
        {
            foreach (string line in File.ReadAllLines(Path.Combine(folder, file)))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                {
                    return value;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
