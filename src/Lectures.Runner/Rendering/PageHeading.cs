namespace Lectures.Runner.Rendering;

/// <summary>A heading of a notebook's markdown, as the contents, the page title and the slides use it.</summary>
/// <param name="Level">1 for <c>#</c>, 2 for <c>##</c>, ...</param>
/// <param name="Id">Its anchor, unique in the page.</param>
/// <param name="Text">Its text without markup.</param>
/// <param name="CellNumber">The markdown cell it is in.</param>
internal sealed record PageHeading(int Level, string Id, string Text, int CellNumber);
