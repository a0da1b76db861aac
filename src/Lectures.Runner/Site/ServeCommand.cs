using System.Globalization;

namespace Lectures.Runner;

/// <summary>The <c>serve</c> verb: the site (or any folder) on 127.0.0.1, until stopped.</summary>
internal static class ServeCommand
{
    public const string Usage = """
        Serves a folder written by `site` on this machine only (127.0.0.1), as a static host would: the browser
        gets a file's .br or .gz copy when it accepts one. Prints the address, then serves until Ctrl+C.

        Usage: dotnet run --project src/Lectures.Runner -- serve [DIR] [--port N]

          DIR         the folder (default: artifacts/site/ in the repository)
          --port N    the port (default: 8000; 0 picks a free one)

        Exit code: 0 when stopped by Ctrl+C or SIGTERM, 2 for bad usage, a missing folder or a port in use.
        """;

    public static async Task<int> RunAsync(string[] args, string repositoryRoot, TextWriter stdout, TextWriter stderr)
    {
        string? folder = null;
        int port = 8000;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    stdout.WriteLine(Usage);
                    return 0;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int chosen) && chosen <= 65535:
                    port = chosen;
                    i++;
                    break;
                case "--port":
                    return UsageError("--port needs a number from 0 to 65535.", stderr);
                case string option when option.StartsWith('-'):
                    return UsageError($"Unknown option '{option}'.", stderr);
                case string path when folder is null:
                    folder = path;
                    break;
                default:
                    return UsageError($"Only one folder can be served ('{args[i]}' is a second).", stderr);
            }
        }

        folder ??= Path.Combine(repositoryRoot, "artifacts", "site");
        if (!Directory.Exists(folder))
        {
            stderr.WriteLine($"error: {folder} is not a folder (write the site first: dotnet run --project src/Lectures.Runner -- site).");
            return 2;
        }

        StaticSiteServer server;
        try
        {
            server = StaticSiteServer.Start(folder, port);
        }
        catch (System.Net.HttpListenerException e)
        {
            stderr.WriteLine($"error: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 2;
        }

        using (server)
        using (var signals = new StopSignals())
        {
            stdout.WriteLine($"serving {Path.GetFullPath(folder)} at {server.Address} (Ctrl+C stops)");
            stdout.Flush();
            await server.ServeAsync(signals.Token);
        }

        return 0;
    }

    private static int UsageError(string message, TextWriter stderr)
    {
        stderr.WriteLine($"error: {message}\n\n{Usage}");
        return 2;
    }
}
