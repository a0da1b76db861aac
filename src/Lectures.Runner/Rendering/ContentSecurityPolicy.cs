using System.Security.Cryptography;
using System.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// The Content-Security-Policy of the pages and slide decks: the browser runs exactly the scripts
/// the runner wrote (each allowed by its SHA-256 hash) and nothing else, loads nothing from
/// anywhere, and follows no form or base address, so whatever a notebook smuggled past the
/// sanitiser still cannot run or phone home. Styles may be inline because plotly.js styles its
/// charts that way; images only as embedded data, or as blob: images, which only a script of the
/// page can make (plotly.js's "download plot as png" button draws the chart through one).
/// </summary>
internal static class ContentSecurityPolicy
{
    /// <summary>The policy for a page whose inline scripts are exactly <paramref name="scripts"/>, as written.</summary>
    public static string For(IEnumerable<string> scripts)
    {
        string[] hashes = [.. scripts.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'")];
        string scriptSource = hashes.Length == 0 ? "'none'" : string.Join(' ', hashes);
        return $"default-src 'none'; script-src {scriptSource}; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'";
    }
}
