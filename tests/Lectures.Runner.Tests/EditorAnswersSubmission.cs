using System.Text.Json.Nodes;

namespace Lectures.Runner.Tests;

/// <summary>
/// A submission to <c>06-neural-network-exercises.ipynb</c> whose functions give back the answers
/// its checks get in a student's editor, in the order the checks ask, whatever the inputs: what a
/// student who copied the editor's expected values into the solution cells hands in.
/// </summary>
/// <remarks>
/// So that the answers are the editor's for certain, the submission learns them: each solution cell
/// keeps the instructor's solution under another name, and a cell before each check runs the
/// check's own code in the editor's mode (the grader's answer sink taken away for the time), once
/// to write the solution's answers down and once more to give them back, which must print
/// <c>correct</c>. Then the instructor's check, put back by the grader, runs on the hidden inputs.
/// </remarks>
internal static class EditorAnswersSubmission
{
    /// <summary>The cell id of the cell that learns the answers of <paramref name="exercise"/> before its check.</summary>
    public static string LearningCellId(string exercise) => "learn-" + exercise;

    /// <summary>Each exercise: its solution's function, the table of its answers and the function that gives them back.</summary>
    public static IReadOnlyList<(string Exercise, string Function, string Answers, string GiveBack)> Exercises { get; } =
    [
        ("parameter-count", "ParameterCount", "parameterCounts", """
            EditorAnswers<int> parameterCounts = new();
            int ParameterCount(int nin, int[] nouts) => parameterCounts.Give(() => ParameterCountWorked(nin, nouts));
            """),
        ("neuron-by-hand", "NeuronByHand", "neurons", """
            EditorAnswers<(double Out, double[] Grads)> neurons = new();
            (double Out, double[] Grads) NeuronByHand(double x1, double x2, double w1, double w2, double b) => neurons.Give(() => NeuronByHandWorked(x1, x2, w1, w2, b));
            """),
        ("sgd-step", "SgdStep", "steps", """
            EditorAnswers<(double Loss, double[] After)> steps = new();
            double SgdStep(MLP model, double[][] X, int[] y, double learning_rate)
            {
                (double loss, double[] after) = steps.Give(() => (SgdStepWorked(model, X, y, learning_rate), model.Parameters().Select(p => p.Val).ToArray()));
                List<CompNode> parameters = model.Parameters();
                for (int i = 0; i < parameters.Count; i++)
                    parameters[i].Val = after[i];
                return loss;
            }
            """),
        ("accuracy", "Accuracy", "accuracies", """
            EditorAnswers<double> accuracies = new();
            double Accuracy(double[] scores, int[] y) => accuracies.Give(() => AccuracyWorked(scores, y));
            """),
    ];

    private const string Helpers = """
        // Answers written down once, then given back in the order they were asked for, whatever the inputs.
        public class EditorAnswers<T>
        {
            private readonly List<T> _answers = [];
            private int _next;

            public bool Learning { get; set; }

            public T Give(Func<T> worked)
            {
                if (!Learning)
                    return _answers[_next++ % _answers.Count];
                T answer = worked();
                _answers.Add(answer);
                return answer;
            }

            public void Rewind() => _next = 0;
        }

        // Runs checks as in a student's editor: without the grader's sink they draw the editor's inputs and print a verdict.
        void InTheEditor(Action checks)
        {
            var sink = AppContext.GetData("Autograd.Exercises.AnswerSink");
            AppContext.SetData("Autograd.Exercises.AnswerSink", null);
            try
            {
                checks();
            }
            finally
            {
                AppContext.SetData("Autograd.Exercises.AnswerSink", sink);
            }
        }
        """;

    /// <summary>The submission, made from the instructor's notebook as it is today.</summary>
    public static string Make(string instructorJson)
    {
        JsonObject notebook = JsonNode.Parse(instructorJson)!.AsObject();
        JsonArray cells = notebook["cells"]!.AsArray();
        int setup = IndexOf(cells, c => IsCode(c) && SubmissionGenerator.Source(c).Contains("using Autograd.Exercises;", StringComparison.Ordinal));
        cells.Insert(setup + 1, SubmissionGenerator.StudentCell("editor-answers", Helpers));
        foreach ((string exercise, string function, string answers, string giveBack) in Exercises)
        {
            int solution = IndexOf(cells, c => IsCode(c) && SubmissionGenerator.Source(c).Contains($" {function}(", StringComparison.Ordinal) && SubmissionGenerator.Source(c).Contains("// BEGIN SOLUTION", StringComparison.Ordinal));
            string worked = SubmissionGenerator.Source(cells[solution]!);
            Assert.Equal(1, worked.Split($" {function}(").Length - 1);
            cells[solution]!["source"] = worked.Replace($" {function}(", $" {function}Worked(", StringComparison.Ordinal) + "\n\n" + giveBack;

            int check = IndexOf(cells, c => IsCode(c) && SubmissionGenerator.Source(c).Contains($"Exercise.Check(\"{exercise}\"", StringComparison.Ordinal));
            Assert.True(check > solution, $"the check of {exercise} comes before its solution");
            string checkSource = SubmissionGenerator.Source(cells[check]!);
            string learn = $$"""
                {{answers}}.Learning = true;
                InTheEditor(() =>
                {
                {{checkSource}}
                });
                {{answers}}.Learning = false;
                InTheEditor(() =>
                {
                {{checkSource}}
                });
                {{answers}}.Rewind();
                """;
            cells.Insert(check, SubmissionGenerator.StudentCell(LearningCellId(exercise), learn));
        }

        return notebook.ToJsonString();
    }

    private static bool IsCode(JsonNode cell) => cell["cell_type"]!.GetValue<string>() == "code";

    private static int IndexOf(JsonArray cells, Func<JsonNode, bool> match)
    {
        int[] found = [.. Enumerable.Range(0, cells.Count).Where(i => match(cells[i]!))];
        Assert.True(found.Length == 1, $"{found.Length} cells match where one should");
        return found[0];
    }
}
