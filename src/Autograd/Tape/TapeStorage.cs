using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autograd;

/// <summary>
/// The arrays behind a <see cref="GradientTape"/>: one slot per recorded operation in each array
/// (value, gradient, operation, first and second operand index, parameter). Handles point here, not
/// at the tape, so that a tape can retire a storage object (after 2^31 resets) and no handle of an
/// earlier recording can ever look current again.
/// </summary>
internal sealed class TapeStorage
{
    private const int InitialCapacity = 256;

    /// <summary>The entry of a variable.</summary>
    private const TapeOp Leaf = (TapeOp)ScalarOp.Assign;

    internal double[] Values;
    internal double[] Grads;
    internal TapeOp[] Ops;
    internal int[] First;
    internal int[] Second;
    internal double[] Parameters;
    internal bool[] Reached;
    internal readonly List<CustomTapeOp> Customs;
    internal int Count;

    /// <summary>The recording's number: a handle is current only while its stamp equals this. -1 once retired.</summary>
    internal int Stamp;

    internal TapeStorage(GradientTape owner, int capacity)
    {
        Owner = owner;
        capacity = Math.Max(capacity, 1);
        Values = new double[capacity];
        Grads = new double[capacity];
        Ops = new TapeOp[capacity];
        First = new int[capacity];
        Second = new int[capacity];
        Parameters = new double[capacity];
        Reached = new bool[capacity];
        Customs = [];
    }

    private TapeStorage(TapeStorage from)
    {
        Owner = from.Owner;
        Values = from.Values;
        Grads = from.Grads;
        Ops = from.Ops;
        First = from.First;
        Second = from.Second;
        Parameters = from.Parameters;
        Reached = from.Reached;
        Customs = from.Customs;
    }

    internal GradientTape Owner { get; }

    internal static int DefaultCapacity => InitialCapacity;

    /// <summary>Hands the arrays to a new storage object and makes every handle into this one stale for good.</summary>
    internal TapeStorage Retire()
    {
        var next = new TapeStorage(this);
        Stamp = -1;
        Count = 0;
        Values = [];
        Grads = [];
        Ops = [];
        First = [];
        Second = [];
        Parameters = [];
        Reached = [];
        return next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Record(TapeOp op, double value, int first, int second, double parameter)
    {
        int i = Count;
        if ((uint)i >= (uint)Values.Length)
        {
            Grow();
        }

        // Every array has Values' length (Grow resizes them together), so the check above covers them all.
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Values), i) = value;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Grads), i) = 0.0;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Ops), i) = op;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(First), i) = first;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Second), i) = second;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Parameters), i) = parameter;
        Count = i + 1;
        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        int size = Values.Length == Array.MaxLength
            ? throw new InvalidOperationException($"The tape is full: it holds {Count:N0} operations, the most one tape can record.")
            : (int)Math.Min((long)Values.Length * 2, Array.MaxLength);
        Array.Resize(ref Values, size);
        Array.Resize(ref Grads, size);
        Array.Resize(ref Ops, size);
        Array.Resize(ref First, size);
        Array.Resize(ref Second, size);
        Array.Resize(ref Parameters, size);
        Array.Resize(ref Reached, size);
    }

    /// <summary>
    /// Back-propagates from entry <paramref name="output"/>: interior gradients up to it are reset,
    /// leaves keep theirs (they accumulate, as <see cref="CompNode.Backward"/> does), then each entry
    /// that the output depends on applies its chain-rule step, from the last recorded to the first.
    /// </summary>
    internal void Backward(int output)
    {
        double[] grads = Grads;
        double[] values = Values;
        TapeOp[] ops = Ops;
        int[] first = First;
        int[] second = Second;
        double[] parameters = Parameters;
        bool[] reached = Reached;
        for (int i = 0; i <= output; i++)
        {
            reached[i] = false;
            if (ops[i] != Leaf)
            {
                grads[i] = 0.0;
            }
        }

        grads[output] = ops[output] == Leaf ? grads[output] + 1.0 : 1.0;
        reached[output] = true;
        for (int i = output; i >= 0; i--)
        {
            if (!reached[i])
            {
                continue;
            }

            double g = grads[i];
            int a = first[i];
            switch (ops[i])
            {
                case (TapeOp)ScalarOp.Assign:
                    break;
                case (TapeOp)ScalarOp.Add:
                    {
                        int b = second[i];
                        grads[a] += g;
                        grads[b] += g;
                        reached[a] = true;
                        reached[b] = true;
                        break;
                    }

                case (TapeOp)ScalarOp.Sub:
                    {
                        int b = second[i];
                        grads[a] += g;
                        grads[b] += -g;
                        reached[a] = true;
                        reached[b] = true;
                        break;
                    }

                case (TapeOp)ScalarOp.Mul:
                    {
                        int b = second[i];
                        grads[a] += g * values[b];
                        grads[b] += g * values[a];
                        reached[a] = true;
                        reached[b] = true;
                        break;
                    }

                case TapeOp.AddConstant:
                case TapeOp.SubConstant:
                    grads[a] += g;
                    reached[a] = true;
                    break;
                case TapeOp.ConstantSub:
                    grads[a] += -g;
                    reached[a] = true;
                    break;
                case TapeOp.MulConstant:
                    grads[a] += g * parameters[i];
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Pow:
                    {
                        double exponent = parameters[i];
                        grads[a] += g * (exponent * ExactPow.Pow(values[a], exponent - 1.0));
                        reached[a] = true;
                        break;
                    }

                case (TapeOp)ScalarOp.Exp:
                    grads[a] += g * values[i];
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Log:
                    grads[a] += g * (1.0 / values[a]);
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Tanh:
                    grads[a] += g * (1.0 - (values[i] * values[i]));
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Relu:
                    grads[a] += values[a] > 0.0 ? g : 0.0;
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Sigmoid:
                    grads[a] += g * (values[i] * (1.0 - values[i]));
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Sqrt:
                    grads[a] += g * (0.5 / values[i]);
                    reached[a] = true;
                    break;
                case (TapeOp)ScalarOp.Custom:
                    {
                        CustomTapeOp custom = Customs[a];
                        foreach (int child in custom.Children)
                        {
                            reached[child] = true;
                        }

                        custom.BackwardProp(new TapeNode(this, i, Stamp));

                        // The closure may have recorded more entries; the arrays may have moved.
                        grads = Grads;
                        values = Values;
                        ops = Ops;
                        first = First;
                        second = Second;
                        parameters = Parameters;
                        reached = Reached;
                        break;
                    }

                default:
                    throw new InvalidOperationException($"Unknown tape operation {ops[i]}.");
            }
        }
    }
}
