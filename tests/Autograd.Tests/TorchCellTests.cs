namespace Autograd.Tests;

/// <summary>The lecture's PyTorch cell, mirrored with <see cref="Tensor{TValue}"/> in float32, printing the lecture's lines.</summary>
public class TorchCellTests
{
    [Fact]
    public void The_mirrored_cell_prints_the_lecture_lines_and_exact_values()
    {
        var random = new PyRandom(5);
        DistanceLoss.GeneratePoints(random, 100);

        const double Delta = 0.001;
        Tensor<float> pnt = Tensor.From(0.3f, 0.3f);
        pnt.RequiresGrad = true;
        pnt.RetainGrad();
        (double[] dataX, double[] dataY) = DistanceLoss.GeneratePoints(random, 1);
        Tensor<float> data = Tensor.FromRows<float>(dataX, dataY);
        data = data.T();
        var printed = new List<string> { $"{data.Shape} {pnt.Shape}" };
        var losses = new List<double>();
        var grads = new List<float[]>();

        for (int epoch = 0; epoch < 2; epoch++)
        {
            Tensor<float> lossTorch = (data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean();
            printed.Add($"torch_loss: {lossTorch}");
            losses.Add(lossTorch.Item());
            lossTorch.Backward();
            using (Tensor.NoGrad())
            {
                printed.Add($"{pnt}");
                grads.Add(pnt.Grad!.ToArray());
                pnt -= Delta * pnt.Grad!.Data;
                printed.Add($"torch grad: {pnt.Grad.Data}");
                pnt.Grad.Zero_();
            }
        }

        Assert.Equal(LectureLines.TorchCell, printed);
        Assert.Equal(0.39435747265815735, losses[0]);
        Assert.Equal(0.39335745573043823, losses[1]);
        Assert.Equal(0.20530067384243011, (double)grads[0][0]);
        Assert.Equal(-0.9786989688873291, (double)grads[0][1]);
        Assert.Equal(0.20530065894126892, (double)grads[1][0]);
        Assert.Equal(-0.9786989688873291, (double)grads[1][1]);
    }
}
