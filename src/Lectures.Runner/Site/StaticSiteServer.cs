using System.Globalization;
using System.Net;

namespace Lectures.Runner.Site;

/// <summary>
/// Serves a folder on 127.0.0.1 as a static host does, for trying the site on this machine: a
/// file's <c>.br</c> or <c>.gz</c> copy with its Content-Encoding when the browser accepts it,
/// revalidation by ETag (a warm cache costs a 304 per file), the site's Content-Security-Policy as a
/// header (which also covers the C# runtime's worker), and nothing outside the folder.
/// </summary>
internal sealed class StaticSiteServer : IDisposable
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".wasm"] = "application/wasm",
        [".ipynb"] = "application/x-ipynb+json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly string _root;
    private readonly HttpListener _listener = new();

    private StaticSiteServer(string root, int port)
    {
        _root = Path.GetFullPath(root);
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The address to open.</summary>
    public string Address => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>Starts serving <paramref name="root"/> on <paramref name="port"/> (0: a free port).</summary>
    public static StaticSiteServer Start(string root, int port)
    {
        if (port != 0)
        {
            return new StaticSiteServer(root, port);
        }

        // HttpListener cannot pick a port itself: ask the system for a free one, and retry if it was taken meanwhile.
        for (int attempt = 0; ; attempt++)
        {
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int free = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new StaticSiteServer(root, free);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Answers requests until <paramref name="token"/> is cancelled.</summary>
    public async Task ServeAsync(CancellationToken token)
    {
        using CancellationTokenRegistration stop = token.Register(_listener.Stop);
        while (!token.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context), CancellationToken.None);
        }
    }

    public void Dispose() => _listener.Close();

    private void Answer(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            response.Headers["Content-Security-Policy"] = SitePolicy.Value;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
                return;
            }

            string? file = Resolve(context.Request.Url?.AbsolutePath ?? "/");
            if (file is null)
            {
                response.StatusCode = 404;
                response.ContentType = "text/plain; charset=utf-8";
                Write(response, "Not found."u8.ToArray(), context.Request.HttpMethod);
                return;
            }

            string accepted = context.Request.Headers["Accept-Encoding"] ?? string.Empty;
            string sent = file;
            foreach ((string token, string suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
            {
                if (Accepts(accepted, token) && File.Exists(file + suffix))
                {
                    sent = file + suffix;
                    response.Headers["Content-Encoding"] = token;
                    break;
                }
            }

            var info = new FileInfo(sent);
            string etag = $"\"{info.Length.ToString("x", CultureInfo.InvariantCulture)}-{info.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture)}\"";
            response.Headers["Vary"] = "Accept-Encoding";
            response.Headers["Cache-Control"] = "no-cache";
            response.Headers["ETag"] = etag;
            response.ContentType = s_types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            if (context.Request.Headers["If-None-Match"] == etag)
            {
                response.StatusCode = 304;
                return;
            }

            Write(response, File.ReadAllBytes(sent), context.Request.HttpMethod);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            // The browser went away, or the file is being rewritten: nothing to tell anyone.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static void Write(HttpListenerResponse response, byte[] body, string method)
    {
        response.ContentLength64 = body.Length;
        if (method == "GET")
        {
            response.OutputStream.Write(body);
        }
    }

    private static bool Accepts(string header, string coding) =>
        header.Split(',').Select(p => p.Split(';')).Any(p => p[0].Trim().Equals(coding, StringComparison.OrdinalIgnoreCase) && !p.Skip(1).Any(q => q.Trim() is "q=0" or "q=0.0"));

    /// <summary>The file a path names inside the root (a folder's index.html), or null.</summary>
    private string? Resolve(string urlPath)
    {
        string relative = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(_root, relative));
        if (full != _root && !full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            full = Path.Combine(full, "index.html");
        }

        return File.Exists(full) ? full : null;
    }
}
