using System.IO.Compression;

namespace Lectures.Runner.Site;

/// <summary>
/// Where the site keeps its shared files (relative to its root, as the pages name them), and the
/// compressed copies a static host serves instead of a large file (GitHub Pages and most servers
/// pick <c>NAME.br</c> or <c>NAME.gz</c> when the browser accepts it; <c>serve</c> does).
/// </summary>
internal static class SiteFiles
{
    public const string Runtime = "runtime";
    public const string Worker = Runtime + "/worker.js";
    public const string NotebookScript = Runtime + "/notebook.js";
    public const string NotebookStyle = Runtime + "/notebook.css";
    public const string Plotly = "assets/plotly.min.js";
    public const string PageScript = "assets/page.js";

    /// <summary>Files smaller than this are sent as they are.</summary>
    public const int CompressAbove = 1400;

    /// <summary>Writes a text file of the site and its compressed copies when it is large.</summary>
    public static void Write(string root, string relative, string text)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Compress(path);
    }

    /// <summary>Writes <c>.br</c> and <c>.gz</c> beside <paramref name="path"/> when it is large enough to gain.</summary>
    public static void Compress(string path)
    {
        if (new FileInfo(path).Length <= CompressAbove)
        {
            return;
        }

        using (FileStream source = File.OpenRead(path))
        using (FileStream target = File.Create(path + ".br"))
        using (var brotli = new BrotliStream(target, CompressionLevel.SmallestSize))
        {
            source.CopyTo(brotli);
        }

        using (FileStream source = File.OpenRead(path))
        using (FileStream target = File.Create(path + ".gz"))
        using (var gzip = new GZipStream(target, CompressionLevel.SmallestSize))
        {
            source.CopyTo(gzip);
        }
    }
}
