namespace Lectures.TestSupport;

/// <summary>
/// Lines the lecture printed, as this project prints them (the lecture's repr spells "childern";
/// <c>CompNode</c> spells it "children"). Shared by the library's tests and the notebook tests.
/// </summary>
internal static class LectureLines
{
    public static readonly string[] ClosedForm =
    [
        "Closed form: gradient for x_p -0.28245211967555384, gradient for y_p -0.5339538940488842",
        "Closed_form: loss = 0.5031831004924388",
    ];

    public static readonly string[] TorchCell =
    [
        "torch.Size([1, 2]) torch.Size([2])",
        "torch_loss: 0.39435747265815735",
        "tensor([0.3000, 0.3000], requires_grad=True)",
        "torch grad: tensor([ 0.2053, -0.9787])",
        "torch_loss: 0.39335745573043823",
        "tensor([0.2998, 0.3010], requires_grad=True)",
        "torch grad: tensor([ 0.2053, -0.9787])",
    ];

    public static readonly string[] ManualTraversal =
    [
        "0 op: power 0.5 | val:  0.4197 | children: 1 | grad: 1",
        "1 op: add | val:  0.1761 | children: 2 | grad: 1.1914656577245382",
        "2 op: power 2 | val:  0.1095 | children: 1 | grad: 1.1914656577245382",
        "3 op: power 2 | val:  0.0666 | children: 1 | grad: 1.1914656577245382",
        "4 op: sub | val: -0.3309 | children: 2 | grad: -0.7884289557292833",
        "5 op: sub | val:  0.2581 | children: 2 | grad: 0.6151258259637875",
        "6 op: assign | val:  0.3000 | children: 0 | grad: -0.7884289557292833",
        "7 op: assign | val:  0.3000 | children: 0 | grad: 0.6151258259637875",
    ];
}
