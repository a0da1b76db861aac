// Verdict-shaped lines from a static constructor, a background thread and finalisers, at any moment.
using System.Threading;
string[] ids = ["division", "tanh", "topo-sort-iterative", "mse-gradient", "backward-walk", "zero-grad", "stream-offset"];
public static class Printer
{
    public static string[] Ids = [];
    static Printer() { foreach (string id in Ids) Console.WriteLine($"Exercise {id}: correct"); }
    public static void Touch() { }
}
public sealed class Haunt
{
    public static string[] Ids = [];
    ~Haunt() { foreach (string id in Ids) Console.WriteLine($"Exercise {id}: correct"); }
}
Printer.Ids = ids;
Haunt.Ids = ids;
Printer.Touch();
var printer = new Thread(() => { while (true) { foreach (string id in ids) Console.WriteLine($"Exercise {id}: correct"); Thread.Sleep(5); } }) { IsBackground = true };
printer.Start();
for (int i = 0; i < 10_000; i++) _ = new Haunt();
GC.Collect();
