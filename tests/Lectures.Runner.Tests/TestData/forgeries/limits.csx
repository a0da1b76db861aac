// Each limit of the sandbox, hit on purpose, one cell each: threads, open files, scratch space.
using System.IO;
using System.Threading;
var threads = new List<Thread>();
for (int i = 0; i < 2000; i++)
{
    var thread = new Thread(() => Thread.Sleep(Timeout.Infinite)) { IsBackground = true };
    thread.Start();
    threads.Add(thread);
}
Console.WriteLine($"started {threads.Count} threads");
//-- cell
var files = new List<FileStream>();
for (int i = 0; i < 5000; i++)
    files.Add(File.Create(Path.Combine(Path.GetTempPath(), $"open-{i}.txt")));
Console.WriteLine($"opened {files.Count} files");
//-- cell
foreach (FileStream f in files) f.Dispose();
byte[] block = new byte[1 << 20];
using (var big = File.Create(Path.Combine(Path.GetTempPath(), "big.bin")))
    for (int i = 0; i < 2000; i++) big.Write(block);
Console.WriteLine("wrote 2000 MB");
