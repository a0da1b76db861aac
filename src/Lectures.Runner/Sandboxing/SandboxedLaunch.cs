using System.Diagnostics;
using System.Globalization;

namespace Lectures.Runner.Sandboxing;

/// <summary>
/// One worker's sandbox: the command line that starts a process under bubblewrap with the
/// policy's read-only folders, its own notebook copy, the socket to its parent (the only way out),
/// a size-capped private <c>/tmp</c>, a fresh environment, its own user, network, PID, IPC and UTS
/// namespaces and a control group; and, after it ended, which limit (if any) ended it, in words.
/// </summary>
/// <remarks>
/// bubblewrap runs as the grader's user and maps it to <c>nobody</c> (65534) inside a user namespace,
/// with every capability dropped and no further user namespaces. As root that uid is still root's
/// outside, which is why the process limit is a pids cgroup (which binds root, unlike
/// <c>RLIMIT_NPROC</c>); read-only mounts and the absence of everything else keep the files safe.
/// </remarks>
internal sealed class SandboxedLaunch : IDisposable
{
    /// <summary>Where the worker finds the socket to its parent inside the sandbox.</summary>
    public const string InnerSocket = "/run/runner/kernel.sock";

    /// <summary>The working folder inside, holding the notebook's copy: what the notebook's relative paths resolve against.</summary>
    public const string InnerNotebookFolder = "/notebook";

    private const string Scratch = "/tmp";
    private readonly SandboxPolicy _policy;
    private readonly ControlGroup? _group;
    private long _processLimitEventsSeen;

    public SandboxedLaunch(SandboxPolicy policy)
    {
        _policy = policy;
        _group = ControlGroup.Create($"lectures-runner-{Environment.ProcessId}-{Guid.NewGuid():N}", policy.Limits.Processes, policy.Limits.MemoryBytes + SandboxLimits.RuntimeOverheadBytes, out string? problem);
        GroupProblem = problem;
    }

    /// <summary>Why there is no control group (then processes are limited by <c>RLIMIT_NPROC</c> only, which root ignores), or null.</summary>
    public string? GroupProblem { get; }

    /// <summary>
    /// The start information for <paramref name="command"/> run in the sandbox, the socket at
    /// <paramref name="socketPath"/> seen as <see cref="InnerSocket"/>, the private folder
    /// <paramref name="notebookFolder"/> (where the notebook's copy goes once it is known) seen read-only as <see cref="InnerNotebookFolder"/>.
    /// </summary>
    public ProcessStartInfo Start(IReadOnlyList<string> command, string socketPath, string notebookFolder, IReadOnlyDictionary<string, string> environment)
    {
        string bwrap = Bubblewrap.Find() ?? throw new InvalidOperationException("bubblewrap is not installed (apt-get install bubblewrap)");
        SandboxLimits limits = _policy.Limits;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";

        // The shell joins the control group, then becomes prlimit, which becomes bwrap: one process, so bwrap's --die-with-parent watches the runner.
        string join = string.Concat((_group?.ProcFiles ?? []).Select(f => $"echo $$ > '{f}' && "));
        List<string> args =
        [
            "-c", join + "exec \"$@\"", "sh",
            "prlimit",
            string.Create(CultureInfo.InvariantCulture, $"--cpu={limits.CpuSeconds}:{limits.CpuSeconds + 5}"),
            string.Create(CultureInfo.InvariantCulture, $"--nofile={limits.OpenFiles}:{limits.OpenFiles}"),
            "--core=0",
        ];
        if (_group is null)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--nproc={limits.Processes}:{limits.Processes}"));
        }

        args.AddRange(["--", bwrap, "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--uid", "65534", "--gid", "65534", "--disable-userns", "--cap-drop", "ALL", "--clearenv"]);
        foreach (string lib in (string[])["/usr/lib", "/usr/lib64", "/usr/lib32"])
        {
            if (Directory.Exists(lib))
            {
                args.AddRange(["--ro-bind", lib, lib]);
            }
        }

        args.AddRange(["--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev"]);
        args.AddRange(["--size", limits.ScratchBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", Scratch]);
        foreach (string folder in _policy.ReadOnlyFolders)
        {
            args.AddRange(["--ro-bind", folder, folder]);
        }

        if (_policy.PackagesFolder is { } packages)
        {
            args.AddRange(["--ro-bind", packages, packages]);
        }

        // The SDK's restore looks its user up and waits forever without one: a passwd naming only nobody, not the machine's users.
        string accounts = Path.Combine(Path.GetDirectoryName(socketPath)!, "passwd");
        File.WriteAllText(accounts, "nobody:x:65534:65534:nobody:/tmp:/usr/sbin/nologin\n");
        string groups = Path.Combine(Path.GetDirectoryName(socketPath)!, "group");
        File.WriteAllText(groups, "nogroup:x:65534:\n");
        args.AddRange(["--ro-bind", accounts, "/etc/passwd", "--ro-bind", groups, "/etc/group"]);
        args.AddRange(["--dir", Path.GetDirectoryName(InnerSocket)!, "--ro-bind", socketPath, InnerSocket]);
        args.AddRange(["--ro-bind", notebookFolder, InnerNotebookFolder]);

        // The sandbox's root (where the mount points live) is read-only too: /tmp is the one place to write.
        args.AddRange(["--remount-ro", "/", "--chdir", InnerNotebookFolder]);
        var inner = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = $"{_policy.DotnetRoot}:/usr/bin:/bin",
            ["HOME"] = Scratch,
            ["TMPDIR"] = Scratch,
            ["DOTNET_ROOT"] = _policy.DotnetRoot,
            ["DOTNET_CLI_HOME"] = Scratch,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        if (_policy.PackagesFolder is { } folderOfPackages)
        {
            // Restores read the packages restored beforehand, offline: the folder is their only source
            // (MSBuild takes environment variables as properties), and no vulnerability audit calls out.
            inner["NUGET_PACKAGES"] = folderOfPackages;
            inner["RestoreSources"] = folderOfPackages;
            inner["NuGetAudit"] = "false";
        }

        // The worker keeps the machine's language, as the notebook editors' kernels do.
        foreach (string name in (string[])["LANG", "LC_ALL", "LANGUAGE"])
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                inner[name] = value;
            }
        }

        foreach ((string name, string value) in environment)
        {
            inner[name] = value;
        }

        foreach ((string name, string value) in inner)
        {
            args.AddRange(["--setenv", name, value]);
        }

        args.Add("--");
        args.AddRange(command);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// The limit that ended or hampered the worker, in words, or null: read from the control group's
    /// counters, the exit status (SIGXCPU for CPU time) and what the runtime last said.
    /// </summary>
    public string? LimitHit(int? exitCode, string diagnostics)
    {
        SandboxLimits limits = _policy.Limits;
        if (_group?.MemoryLimitHit == true)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the submission used more than {(limits.MemoryBytes + SandboxLimits.RuntimeOverheadBytes) >> 20} MB of memory and was stopped by the sandbox");
        }

        if (exitCode is 128 + 24 || exitCode is 128 + 9 && diagnostics.Contains("CPU time", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the submission used more than {limits.CpuSeconds} s of CPU time and was stopped by the sandbox");
        }

        if (_group?.ProcessLimitEvents > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the submission tried to run more than {limits.Processes} processes and threads at once (the sandbox's limit)");
        }

        return ExplainError(diagnostics);
    }

    /// <summary>A cell's error that a limit caused, in words; null when none did.</summary>
    public string? ExplainError(string error)
    {
        SandboxLimits limits = _policy.Limits;
        if (error.Contains("Too many open files", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the submission opened more than {limits.OpenFiles} files at once (the sandbox's limit)");
        }

        if (error.Contains("No space left on device", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the submission wrote more than {limits.ScratchBytes >> 20} MB to its scratch folder (the sandbox's limit)");
        }

        // Only a refusal since the last error counts: one cell's fork bomb does not explain a later cell's failure.
        long events = _group?.ProcessLimitEvents ?? 0;
        bool hit = events > _processLimitEventsSeen;
        _processLimitEventsSeen = events;
        return hit
            ? string.Create(CultureInfo.InvariantCulture, $"the submission tried to run more than {limits.Processes} processes and threads at once (the sandbox's limit)")
            : null;
    }

    public void Dispose() => _group?.Dispose();
}
