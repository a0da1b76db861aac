// Looks for what a submission must never see, and tries to leave something behind. Every finding
// is printed as a line starting with LEAK; the test reads the outputs for that word.
using System.IO;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
void Leak(string what) => Console.WriteLine("LEAK " + what);
void TryRead(string path)
{
    try { if (File.Exists(path)) { string text = File.ReadAllText(path); Leak($"read {path} ({text.Length} chars{(text.Contains("BEGIN SOLUTION") ? ", with solutions" : "")})"); } } catch (Exception) { }
    // The folders above the sandbox's read-only binds exist as empty mount points: a file in one is a leak.
    try { if (Directory.Exists(path) && Directory.EnumerateFiles(path).Any()) Leak($"listed {path}: {string.Join(", ", Directory.EnumerateFiles(path).Take(5))}"); } catch (Exception) { }
}
// The instructor's notebook, the other submissions, the output folder, the home folder, the repository.
foreach (string path in new[] { "{{ASSIGNMENT}}", "{{OTHER_SUBMISSION}}", "{{SUBMISSIONS}}", "{{OUTPUT}}", "{{REPOSITORY}}", "{{REPOSITORY}}/notebooks", "/root", "/home", "/work", "/etc/shadow" })
    TryRead(path);
// Anything on the disk that holds a solution.
int searched = 0;
var pending = new Stack<string>(new[] { "/" });
while (pending.Count > 0 && searched < 200_000)
{
    string folder = pending.Pop();
    try
    {
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            searched++;
            if (file.EndsWith(".ipynb") && !file.StartsWith("/notebook/"))
            {
                try { if (File.ReadAllText(file).Contains("BEGIN SOLUTION")) Leak($"found a solution in {file}"); else Leak($"found a notebook {file}"); } catch (Exception) { }
            }
        }
        foreach (string sub in Directory.EnumerateDirectories(folder))
            if (sub != "/proc" && sub != "/sys") pending.Push(sub);
    }
    catch (Exception) { }
}
Console.WriteLine($"searched {searched} files");
// The runner's command line and environment, through the parent's /proc entry.
try { foreach (string pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsDigit))!) { string cmd = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); if (cmd.Contains(" grade ")) Leak($"saw the grader's command line: {cmd}"); } } catch (Exception) { }
// The network: the host's loopback, where the test listens, and the outside world.
foreach (var (host, port) in new[] { ("127.0.0.1", {{PORT}}), ("1.1.1.1", 53), ("nuget.org", 443) })
{
    try
    {
        using var client = new TcpClient();
        if (client.ConnectAsync(host, port).Wait(3000) && client.Connected) Leak($"connected to {host}:{port}");
    }
    catch (Exception) { }
}
// Files left behind: in every folder it knows of, and in its own scratch folder.
foreach (string folder in new[] { "{{OUTPUT}}", "{{SUBMISSIONS}}", "/tmp", "/notebook", "{{REPOSITORY}}", Environment.GetEnvironmentVariable("HOME") ?? "/tmp" })
{
    // Inside, the folders above the binds are the sandbox's own; the test looks for the files on the host.
    try { File.WriteAllText(Path.Combine(folder, "{{MARKER}}.txt"), "left behind"); } catch (Exception) { }
}
// A process that detaches into a session of its own and waits, named so the test can look for it.
[DllImport("libc", SetLastError = true)] static extern int fork();
[DllImport("libc")] static extern int setsid();
[DllImport("libc")] static extern uint sleep(uint seconds);
[DllImport("libc")] static extern int prctl(int option, string name, IntPtr a, IntPtr b, IntPtr c);
[DllImport("libc")] static extern void _exit(int status);
sleep(0);
prctl(15, "{{MARKER}}", IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
int child = fork();
if (child == 0)
{
    setsid();
    for (int i = 0; i < 1000; i++) sleep(1);
    _exit(0);
}
prctl(15, "worker", IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
Console.WriteLine($"started a detached process: {child > 0}");
