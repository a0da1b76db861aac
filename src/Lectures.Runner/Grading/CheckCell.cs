using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Grading;

/// <summary>One of the instructor's check cells, as it is put back into every submission.</summary>
/// <param name="Id">Its nbformat cell id, which the student version keeps.</param>
/// <param name="Cell">The instructor's cell, outputs cleared.</param>
/// <param name="Exercises">The exercise ids it checks, in the order of its <c>Exercise.Check</c> calls.</param>
/// <param name="Predecessors">The ids of the assignment's cells before it, nearest first: where it goes back when a student deleted it.</param>
internal sealed record CheckCell(string Id, NotebookCell Cell, IReadOnlyList<string> Exercises, IReadOnlyList<string> Predecessors);
