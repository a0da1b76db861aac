using System.CommandLine;
using System.Globalization;
using System.Net;
using Lectures.Runner.Site;

namespace Lectures.Runner.Commands;

/// <summary>The <c>serve</c> verb: a site folder on 127.0.0.1 until stopped (see <see cref="StaticSiteServer"/>).</summary>
internal sealed class ServeCommand : IRunnerCommand
{
    private readonly string _repositoryRoot;
    private readonly Argument<string[]> _folder = SharedOptions.Paths("DIR", "the folder to serve (default: the repository's artifacts/site/)");
    private readonly Option<int> _port = SharedOptions.Define(
        "--port", "N", "the port on 127.0.0.1 (default: 8000; 0 picks a free one)", 8000,
        (string value, out int port) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535,
        value => value is null ? "--port needs a number from 0 to 65535." : $"--port needs a number from 0 to 65535, not '{value}'.");

    public ServeCommand(string repositoryRoot)
    {
        _repositoryRoot = repositoryRoot;
        Command = new Command("serve", """
            Serves a folder written by `site` on this machine only (127.0.0.1), as a static host would: a file's .br or .gz copy with its Content-Encoding when the browser accepts it, and the site's Content-Security-Policy. Prints the address, then serves until Ctrl+C.

            Exit code: 0 when stopped by Ctrl+C or SIGTERM, 2 for bad usage, a missing folder or a port that cannot be used.
            """)
        {
            _folder, _port,
        };
    }

    public Command Command { get; }

    public async Task<int> RunAsync(ParseResult parsed, CommandContext context)
    {
        string[] folders = parsed.GetValue(_folder) ?? [];
        string folder = folders switch
        {
            [] => Path.Combine(_repositoryRoot, "artifacts", "site"),
            [string one] => one,
            _ => throw new UsageException($"Only one folder can be served ('{folders[1]}' is a second)."),
        };
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"{folder} is not a folder (write the site first: dotnet run --project src/Lectures.Runner -- site).");
        }

        int port = parsed.GetValue(_port);
        StaticSiteServer server;
        try
        {
            server = StaticSiteServer.Start(folder, port);
        }
        catch (HttpListenerException e)
        {
            context.Err.WriteLine($"error: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 2;
        }

        using (server)
        using (var signals = new StopSignals())
        {
            context.Out.WriteLine($"serving {Path.GetFullPath(folder)} at {server.Address} (Ctrl+C stops)");
            await server.ServeAsync(signals.Token);
        }

        return 0;
    }
}
