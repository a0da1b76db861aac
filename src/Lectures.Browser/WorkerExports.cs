using System.Diagnostics;
using System.Runtime.InteropServices.JavaScript;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lectures.Browser;

/// <summary>
/// What wwwroot/worker.js calls: start a notebook's session, run a cell. One session per worker;
/// the page starts a new worker for a fresh kernel (after a stop, or for another notebook).
/// </summary>
public static partial class WorkerExports
{
    private static NotebookSession? s_session;

    /// <summary>Reads the assemblies cells compile against from <paramref name="frameworkUrl"/> and makes the session.</summary>
    /// <returns>JSON: how many assemblies and how long it took.</returns>
    [JSExport]
    public static async Task<string> StartAsync(string frameworkUrl)
    {
        Stopwatch clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = new Uri(frameworkUrl.EndsWith('/') ? frameworkUrl : frameworkUrl + "/") };
        int count = 0;
        s_session = await NotebookSession.CreateAsync(async name =>
        {
            Interlocked.Increment(ref count);
            return await http.GetByteArrayAsync(new Uri(name + ".dll", UriKind.Relative)).ConfigureAwait(false);
        }).ConfigureAwait(true);
        return JsonSerializer.Serialize(new SessionStart(count, clock.Elapsed.TotalMilliseconds), WorkerJson.Default.SessionStart);
    }

    /// <summary>Runs one cell; returns its <see cref="CellRun"/> as JSON.</summary>
    [JSExport]
    public static async Task<string> RunAsync(string cell)
    {
        NotebookSession session = s_session ?? throw new InvalidOperationException("The session has not started.");
        CellRun run = await session.RunAsync(cell).ConfigureAwait(true);
        return JsonSerializer.Serialize(run, WorkerJson.Default.CellRun);
    }
}

/// <summary>The answer to <see cref="WorkerExports.StartAsync"/>.</summary>
/// <param name="Assemblies">How many assemblies cells compile against.</param>
/// <param name="Milliseconds">How long reading them took.</param>
public sealed record SessionStart(int Assemblies, double Milliseconds);

/// <summary>The JSON the worker sends to the page (camel case, as JavaScript reads it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CellRun))]
[JsonSerializable(typeof(SessionStart))]
internal sealed partial class WorkerJson : JsonSerializerContext
{
}
