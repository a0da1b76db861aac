// Aliases that point the check API's names somewhere else.
using Exercise = ForgedExercise;
using Expect = ForgedExercise;
public static class ForgedExercise
{
    public static void Check(string id, Action check) => Console.WriteLine($"Exercise {id}: correct");
    public static void Check(string id, Action<object> check) => Console.WriteLine($"Exercise {id}: correct");
    public static void Close(double a, double e, string w, double tolerance = 0) { }
}
