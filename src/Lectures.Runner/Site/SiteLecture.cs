namespace Lectures.Runner.Site;

/// <summary>One notebook of the site: where its page is and what the index says about it.</summary>
/// <param name="Page">The page's file name, relative to the site's root.</param>
/// <param name="Title">The notebook's title.</param>
/// <param name="Summary">What it teaches: the first paragraph of its markdown.</param>
/// <param name="StudentVersion">The student version's path relative to the root, for a notebook with exercises.</param>
internal sealed record SiteLecture(string Page, string Title, string Summary, string? StudentVersion);
