// Each limit of the sandbox, hit on purpose, one cell each: threads, open files, scratch space.
// Each cell gives back what it took once its limit is hit, so the next cell runs in a process
// below its limits whatever the machine's timing (a kernel left without threads or descriptors stalls).
using System.IO;
using System.Threading;
var release = new ManualResetEventSlim();
var threads = new List<Thread>();
try
{
    for (int i = 0; i < 2000; i++)
    {
        var thread = new Thread(() => release.Wait()) { IsBackground = true };
        thread.Start();
        threads.Add(thread);
    }
}
finally
{
    release.Set();
    foreach (Thread thread in threads) thread.Join();
}
Console.WriteLine($"started {threads.Count} threads");
//-- cell
var files = new List<FileStream>();
try
{
    for (int i = 0; i < 5000; i++)
        files.Add(File.Create(Path.Combine(Path.GetTempPath(), $"open-{i}.txt")));
}
finally
{
    foreach (FileStream f in files) f.Dispose();
}
Console.WriteLine($"opened {files.Count} files");
//-- cell
byte[] block = new byte[1 << 20];
using (var big = File.Create(Path.Combine(Path.GetTempPath(), "big.bin")))
    for (int i = 0; i < 2000; i++) big.Write(block);
Console.WriteLine("wrote 2000 MB");
