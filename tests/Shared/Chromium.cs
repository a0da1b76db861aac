namespace Lectures.TestSupport;

/// <summary>Headless Chromium for tests that need a real browser.</summary>
internal static class Chromium
{
    /// <summary>The browser executable: $CHROMIUM, else chromium or chromium-browser on the PATH; null if none.</summary>
    public static string? Path { get; } = Find();

    /// <summary>True where a missing browser must fail the test rather than skip it: in CI.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    /// <summary>
    /// The flags a test browser runs with (headless as root, no profile state, nothing fetched in the
    /// background), for tests that drive Chromium through PuppeteerSharp.
    /// </summary>
    public static IReadOnlyList<string> DriverArguments { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ];

    /// <summary>The DOM of <see cref="Load"/>.</summary>
    public static string DumpDom(string file) => Load(file).Dom;

    /// <summary>
    /// Loads a page headless with every network request sent to a closed port (so nothing can be
    /// fetched), lets its scripts run, and returns the DOM it ended with and the browser's log,
    /// which includes the page's console messages and any Content-Security-Policy refusals.
    /// </summary>
    public static (string Dom, string Log) Load(string file)
    {
        string browser = Path ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (or set CHROMIUM to the browser's path).");
        string profile = Directory.CreateTempSubdirectory("chromium-profile").FullName;
        try
        {
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", $"--user-data-dir={profile}",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
                "--dump-dom", new Uri(System.IO.Path.GetFullPath(file)).AbsoluteUri,
            ];
            (int exitCode, string dom, string log) = ChildProcess.Run(browser, args, TimeSpan.FromSeconds(60));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"Chromium exited with {exitCode}: {log}");
            }

            return (dom, log);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            foreach (string name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>
/// A test that needs Chromium: it runs wherever Chromium is installed and always in CI (where a
/// missing browser fails it); elsewhere it is reported as skipped with the command that installs it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = "Chromium is not installed here (apt-get install -y chromium); CI installs it and runs this test.";
        }
    }
}

/// <summary>A theory that needs Chromium, skipped (outside CI) where it is missing, as <see cref="BrowserFactAttribute"/>.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = "Chromium is not installed here (apt-get install -y chromium); CI installs it and runs this test.";
        }
    }
}
