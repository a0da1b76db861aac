namespace Lectures.Runner.Rendering;

/// <summary>
/// A piece of a rendered notebook, already safe HTML: a stretch of a markdown cell (which starts at
/// a heading when <see cref="Heading"/> is set) or a whole code cell with its outputs. The page puts
/// them one after another; the slide deck starts a slide at each heading.
/// </summary>
internal sealed record ContentBlock(string Html, PageHeading? Heading);
