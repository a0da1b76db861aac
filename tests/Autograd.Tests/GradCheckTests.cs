
namespace Autograd.Tests;

public class GradCheckTests
{
    [Fact]
    public void Finds_a_wrong_backward_step()
    {
        static CompNode WrongSquare(CompNode x) =>
            CompNode.Custom(x.Val * x.Val, "wrong square", [x], o => x.Grad += o.Grad * x.Val);

        GradCheckResult result = GradCheck.Check(a => WrongSquare(a[0]), [3.0]);

        Assert.Equal(3, result.Analytic[0]);
        Assert.Equal(6, result.Numerical[0], 1e-6);
        Assert.True(result.MaxRelativeError > 0.4);
    }

    [Fact]
    public void Agrees_on_the_lecture_loss()
    {
        (double[] xs, double[] ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);

        GradCheckResult result = GradCheck.Check(p => DistanceLoss.Graph(p[0], p[1], xs, ys), [0.3, 0.3]);

        Assert.Equal(0.5031831004924388, result.Value, 1e-15);
        Assert.True(result.MaxRelativeError < 1e-8, result.ToString());
    }

    [Fact]
    public void Nan_gradient_is_reported_as_nan_error()
    {
        GradCheckResult result = GradCheck.Check(a => a[0].Pow(0.5), [-1.0]);

        Assert.True(double.IsNaN(result.MaxRelativeError));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => GradCheck.Check(null!, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(a => a[0], [1.0], step: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Check(a => a[0], [1.0], step: double.NaN));
    }
}
