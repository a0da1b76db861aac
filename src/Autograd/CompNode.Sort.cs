using System.Buffers;

namespace Autograd;

// The depth-first walk behind TopoSort, Backward and ZeroGrad: pooled arrays, an explicit stack and
// visited flags that are cleared again before the walk's caller returns.
public partial class CompNode
{
    /// <summary>
    /// Post-order depth-first walk into a pooled array (the caller returns it, and clears the
    /// visited flags of the <paramref name="count"/> nodes in it before anything else can sort).
    /// Each stack frame is a node and the index of its next child; a node is flagged when first
    /// reached, as the lecture's <c>visited.add</c> happens on entry. Every flagged node ends up in
    /// the returned order; if the walk fails, the flags it set are cleared before the exception
    /// leaves, so a later sort never mistakes a node for visited.
    /// </summary>
    private CompNode[] SortPooled(out int count, bool resetInteriorGrads = false)
    {
        ArrayPool<CompNode> pool = ArrayPool<CompNode>.Shared;
        CompNode[] order = pool.Rent(64);
        CompNode[] stack = pool.Rent(64);
        int[] next = ArrayPool<int>.Shared.Rent(64);
        int n = 0;
        int depth = 0;
        Action<int>? hook = s_sortHook;
        try
        {
            if (_visited)
            {
                throw new InvalidOperationException("This graph is being sorted already: a graph cannot be sorted or back-propagated from two threads at once.");
            }

            _visited = true;
            stack[0] = this;
            next[0] = 0;
            depth = 1;
            while (depth > 0)
            {
                CompNode node = stack[depth - 1];
                int childIndex = next[depth - 1];
                if (childIndex < node.ChildCount)
                {
                    next[depth - 1] = childIndex + 1;
                    CompNode child = node.ChildAtUnchecked(childIndex);
                    if (!child._visited)
                    {
                        hook?.Invoke(n + depth);
                        child._visited = true;
                        if (depth == stack.Length)
                        {
                            Grow(ref stack, depth);
                            GrowInts(ref next, depth);
                        }

                        stack[depth] = child;
                        next[depth] = 0;
                        depth++;
                    }
                }
                else
                {
                    depth--;
                    if (n == order.Length)
                    {
                        Grow(ref order, n);
                    }

                    if (resetInteriorGrads && node._kind != ScalarOp.Assign && node.ChildCount != 0)
                    {
                        node.Grad = 0.0;
                    }

                    order[n++] = node;
                }
            }
        }
        catch
        {
            for (int i = 0; i < n; i++)
            {
                order[i]._visited = false;
            }

            for (int i = 0; i < depth; i++)
            {
                stack[i]._visited = false;
            }

            pool.Return(order, clearArray: true);
            throw;
        }
        finally
        {
            pool.Return(stack, clearArray: true);
            ArrayPool<int>.Shared.Return(next);
        }

        count = n;
        return order;
    }

    private static void Grow(ref CompNode[] array, int used)
    {
        CompNode[] bigger = ArrayPool<CompNode>.Shared.Rent(checked(array.Length * 2));
        Array.Copy(array, bigger, used);
        ArrayPool<CompNode>.Shared.Return(array, clearArray: true);
        array = bigger;
    }

    private static void GrowInts(ref int[] array, int used)
    {
        int[] bigger = ArrayPool<int>.Shared.Rent(checked(array.Length * 2));
        Array.Copy(array, bigger, used);
        ArrayPool<int>.Shared.Return(array);
        array = bigger;
    }

    /// <summary>
    /// Called with the number of nodes flagged so far before each further node is flagged: lets a
    /// test fail a sort midway. Per thread, so a test cannot disturb sorts on other threads.
    /// </summary>
    [ThreadStatic]
    private static Action<int>? s_sortHook;

    /// <summary>Installs (or, with null, removes) this thread's sort hook; for tests only.</summary>
    internal static void SetSortHookForTesting(Action<int>? hook) => s_sortHook = hook;
}
