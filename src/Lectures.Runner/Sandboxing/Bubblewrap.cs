using System.Diagnostics;

namespace Lectures.Runner.Sandboxing;

/// <summary>
/// Finds Debian's <c>bwrap</c> and proves, once, that it can make a sandbox here (a user namespace,
/// its own network and PID namespaces), so that grading stops before any submission runs when it
/// cannot, with the command that fixes it.
/// </summary>
internal static class Bubblewrap
{
    /// <summary>The path of <c>bwrap</c> on <c>PATH</c>, or null.</summary>
    public static string? Find()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "bwrap");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Null when sandboxes work here; otherwise one line naming what is missing and how to fix it.</summary>
    public static string? Problem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the sandbox needs Linux (bubblewrap); grade on Linux, or pass --no-sandbox to grade without one (every submission then runs with your rights)";
        }

        string? bwrap = Find();
        if (bwrap is null)
        {
            return "bubblewrap is not installed, and every submission runs in a bubblewrap sandbox: install it (`apt-get install bubblewrap` on Debian and Ubuntu), or pass --no-sandbox to grade without one (every submission then runs with your rights)";
        }

        var start = new ProcessStartInfo(bwrap)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--uid", "65534", "--gid", "65534", "--disable-userns",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "/usr/bin/true"])
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using Process probe = Process.Start(start)!;
            string error = probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            if (probe.ExitCode == 0)
            {
                return null;
            }

            string said = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {probe.ExitCode}";
            return $"bubblewrap cannot make a sandbox here ({said}): user namespaces are off; turn them on with `sysctl -w user.max_user_namespaces=15000` (and `sysctl -w kernel.unprivileged_userns_clone=1` where that setting exists, `kernel.apparmor_restrict_unprivileged_userns=0` on Ubuntu 24.04), or pass --no-sandbox to grade without one";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{bwrap} could not be started ({e.Message}); reinstall it (`apt-get install --reinstall bubblewrap`) or pass --no-sandbox";
        }
    }
}
