namespace Spiking.Gpu;

/// <summary>How many threads a launch of a batch takes (a struct, so a kernel calls it without a virtual call).</summary>
internal interface IBatchItems<T>
{
    int Of(in T launch);
}

/// <summary>
/// Up to <see cref="Capacity"/> launches' parameters of one kind (pushes of several projections,
/// Poisson inputs onto different targets, ordered sums of several populations) run as one kernel: one
/// launch per step instead of one each. A kernel parameter, so a fixed set of fields (a batch of pushes
/// is about 2 KB, within CUDA's 4 KB of kernel parameters).
/// </summary>
internal struct Batch<T> where T : struct
{
    public const int Capacity = 8;
    public T P0, P1, P2, P3, P4, P5, P6, P7;
    public int Count;

    public readonly T Get(int k) => k switch { 0 => P0, 1 => P1, 2 => P2, 3 => P3, 4 => P4, 5 => P5, 6 => P6, _ => P7 };

    /// <summary>
    /// For a thread index over the items of all the batch's launches, one after another (<paramref name="items"/>
    /// of launch k: its neurons or targets): the launch it falls in, and in <paramref name="index"/> its index there.
    /// </summary>
    public readonly T Find<TItems>(ref int index, TItems items) where TItems : struct, IBatchItems<T>
    {
        int k = 0;
        var p = P0;
        while (index >= items.Of(p))
        {
            index -= items.Of(p);
            p = Get(++k);
        }
        return p;
    }

    public void Add(in T p)
    {
        switch (Count)
        {
            case 0: P0 = p; break;
            case 1: P1 = p; break;
            case 2: P2 = p; break;
            case 3: P3 = p; break;
            case 4: P4 = p; break;
            case 5: P5 = p; break;
            case 6: P6 = p; break;
            default: P7 = p; break;
        }
        Count++;
    }
}
