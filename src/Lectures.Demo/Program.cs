using Autograd;

// The lecture's cells in order, printing what the lecture prints. One generator, seeded 5, is
// shared by every cell, as in the lecture's notebook: each cell's points continue its stream.
var random = new PyRandom(5);

Console.WriteLine("# Closed form (100 points)");
(double[] dataX, double[] dataY) = DistanceLoss.GeneratePoints(random, 100);
(double gradX, double gradY) = DistanceLoss.Gradient(0.3, 0.3, dataX, dataY);
double loss = DistanceLoss.Loss(0.3, 0.3, dataX, dataY);
Console.WriteLine($"Closed form: gradient for x_p {PyFormat.Repr(gradX)}, gradient for y_p {PyFormat.Repr(gradY)}");
Console.WriteLine($"Closed_form: loss = {PyFormat.Repr(loss)}");

Console.WriteLine();
Console.WriteLine("# PyTorch as an example of autograd engines (1 point, float32)");
const double Delta = 0.001;
Tensor<float> pnt = Tensor.From(0.3f, 0.3f);
pnt.RequiresGrad = true;
pnt.RetainGrad();
(dataX, dataY) = DistanceLoss.GeneratePoints(random, 1);
Tensor<float> data = Tensor.FromRows<float>(dataX, dataY);
data = data.T();
Console.WriteLine($"{data.Shape} {pnt.Shape}");
for (int epoch = 0; epoch < 2; epoch++)
{
    Tensor<float> lossTorch = (data - pnt).Pow(2).Sum(dim: 1).Sqrt().Mean();
    Console.WriteLine($"torch_loss: {lossTorch}");
    lossTorch.Backward();
    using (Tensor.NoGrad())
    {
        Console.WriteLine(pnt);
        pnt -= Delta * pnt.Grad!.Data;
        Console.WriteLine($"torch grad: {pnt.Grad.Data}");
        pnt.Grad.Zero_();
    }
}

Console.WriteLine();
Console.WriteLine("# Manual traversal (1 point)");
(dataX, dataY) = DistanceLoss.GeneratePoints(random, 1);
CompNode xp = new(0.3), yp = new(0.3);
CompNode ix = xp - dataX[0], iy = yp - dataY[0];
CompNode gx = ix.Pow(2), gy = iy.Pow(2);
CompNode m = gx + gy;
CompNode l = m.Pow(0.5);
CompNode[] revTopoOrder = [l, m, gx, gy, ix, iy, xp, yp];
revTopoOrder[0].Grad = 1;
for (int i = 0; i < revTopoOrder.Length; i++)
{
    revTopoOrder[i].BackwardProp();
    Console.WriteLine($"{i} {revTopoOrder[i]}");
}

Console.WriteLine();
Console.WriteLine("# Automatic backward (100 points)");
(dataX, dataY) = DistanceLoss.GeneratePoints(random, 100);
xp = new CompNode(0.3);
yp = new CompNode(0.3);
CompNode currLoss = DistanceLoss.Graph(xp, yp, dataX, dataY);
currLoss.Backward();
Console.WriteLine($"{PyFormat.Repr(xp.Grad)} {PyFormat.Repr(yp.Grad)}");
