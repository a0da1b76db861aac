namespace Lectures.Runner.Site;

/// <summary>
/// The Content-Security-Policy of the course site: scripts only from the site's own files (no inline
/// script at all), WebAssembly compiled from them (<c>'wasm-unsafe-eval'</c>, which the C# runtime
/// needs), workers and fetches from the same origin, and nothing from anywhere else. Charts style
/// themselves inline and draw images as data: or blob: URLs, as on the runner's pages.
/// </summary>
internal static class SitePolicy
{
    public const string Value = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; base-uri 'none'; form-action 'none'";
}
