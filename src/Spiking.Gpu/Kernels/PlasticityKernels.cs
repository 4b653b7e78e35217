using ILGPU;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>The plasticity kernels: traces, spiking and rate rules, normalisation, short-term plasticity, bgrnn (part of <see cref="DeviceKernels"/>, whose summary gives the launch order).</summary>
internal static partial class DeviceKernels
{
    /// <summary>One step of decay of a trace: x ← x·f (the CPU's Trace.DecayAll, element by element).</summary>
    public static void TraceDecay(Index1D j, Batch<TraceDecayLaunch> batch)
    {
        int i = j;
        var p = batch.Find(ref i, default(TraceItems));
        p.Trace[i] *= p.Factor;
    }

    /// <summary>
    /// Spiking plasticity, depression (the pre-spike update): each spiking presynaptic neuron j of the
    /// step (one thread group each, as in <see cref="Push"/>) changes each synapse s of its row onto t as
    /// the rule says (<see cref="ISpikeRuleKernel.AtPre"/>, exactly the CPU rule's arithmetic); rows of
    /// different neurons are disjoint, so the order of the spikes does not matter.
    /// </summary>
    public static void StdpDepress<TRule>(Batch<StdpItem<TRule>> batch) where TRule : struct, ISpikeRuleKernel
    {
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += batch.Get(k).PreCount();
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var item = batch.Find(ref local, default(PreSpikes<TRule>));
            var p = item.Launch;
            int j = p.PreRecords[p.Counters[2 * p.PrePopulation + 1] + local];
            long a = p.RowStart[j], b = p.RowStart[j + 1];
            for (long s = a + Group.IdxX; s < b; s += Group.DimX)
            {
                double w = p.W[s];
                if (item.Rule.AtPre(p, j, p.Target[s], ref w)) Store(p, s, w);
            }
        }
    }

    /// <summary>
    /// Potentiation at this step's postsynaptic spikes: as <see cref="StdpDepress{TRule}"/>, a group per
    /// spiking column (the column view of the table), over the projections of the batch in order.
    /// </summary>
    public static void StdpPotentiate<TRule>(Batch<StdpItem<TRule>> batch) where TRule : struct, ISpikeRuleKernel
    {
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += batch.Get(k).PostCount();
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var item = batch.Find(ref local, default(PostSpikes<TRule>));
            var p = item.Launch;
            int i = p.PostRecords[p.Counters[2 * p.PostPopulation + 1] + local];
            int a = p.ColumnStart[i], b = p.ColumnStart[i + 1];
            for (int c = a + Group.IdxX; c < b; c += Group.DimX)
            {
                int s = p.ColumnSynapse[c];
                double w = p.W[s];
                if (item.Rule.AtPost(p, i, p.ColumnPre[c], ref w)) Store(p, s, w);
            }
        }
    }

    /// <summary>The trace jumps of this step's pre and post spikes, every thread striding over each projection of the batch.</summary>
    public static void StdpBump<TRule>(Batch<StdpItem<TRule>> batch) where TRule : struct, ISpikeRuleKernel
    {
        for (int k = 0; k < batch.Count; k++)
        {
            var item = batch.Get(k);
            var p = item.Launch;
            int preFirst = p.Counters[2 * p.PrePopulation + 1], preCount = item.PreCount();
            int postFirst = p.Counters[2 * p.PostPopulation + 1], postCount = item.PostCount();
            for (int g = Grid.GlobalIndex.X; g < preCount; g += Grid.DimX * Group.DimX) item.Rule.BumpPre(p, p.PreRecords[preFirst + g]);
            for (int g = Grid.GlobalIndex.X; g < postCount; g += Grid.DimX * Group.DimX) item.Rule.BumpPost(p, p.PostRecords[postFirst + g]);
        }
    }

    /// <summary>
    /// reward_stdp, first (RewardModulatedStdpRuntime's step): synapse s moves by its eligibility times
    /// the step's gain d·k when the dopamine d was nonzero (<paramref name="rewarded"/>) and the
    /// eligibility is nonzero (then stored clipped, as the CPU's Store), then the eligibility decays by
    /// one step. Each synapse is its own thread; the host decays d and hands the gain over.
    /// </summary>
    public static void RewardWeights(Index1D s, StdpLaunch p, ArrayView<double> c, double gain, int rewarded, double fc)
    {
        double e = c[s];
        if (rewarded != 0 && e != 0) Store(p, s, RewardModulatedStdp.Rewarded(p.W[s], e, gain));
        c[s] = e * fc;
    }

    /// <summary>reward_stdp, after <see cref="RewardWeights"/> and the trace decay: each spiking pre neuron's row lowers its eligibilities by A−·x_post (no weight changes).</summary>
    public static void RewardDepress(StdpLaunch p, ArrayView<double> c, RewardStdpDevice rule)
    {
        int first = p.Counters[2 * p.PrePopulation + 1];
        int count = p.Counters[2 * p.PrePopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int j = p.PreRecords[first + g];
            long a = p.RowStart[j], b = p.RowStart[j + 1];
            for (long s = a + Group.IdxX; s < b; s += Group.DimX) c[s] = rule.AtPreEligibility(p, c[s], p.Target[s]);
        }
    }

    /// <summary>reward_stdp, after <see cref="RewardDepress"/> (the CPU's order, which matters where a synapse gets both): each spiking post neuron's column raises its eligibilities by A+·x_pre.</summary>
    public static void RewardPotentiate(StdpLaunch p, ArrayView<double> c, RewardStdpDevice rule)
    {
        int first = p.Counters[2 * p.PostPopulation + 1];
        int count = p.Counters[2 * p.PostPopulation] - first;
        for (int g = Grid.IdxX; g < count; g += Grid.DimX)
        {
            int i = p.PostRecords[first + g];
            int a = p.ColumnStart[i], b = p.ColumnStart[i + 1];
            for (int k = a + Group.IdxX; k < b; k += Group.DimX)
            {
                int s = p.ColumnSynapse[k];
                c[s] = rule.AtPostEligibility(p, c[s], p.ColumnPre[k]);
            }
        }
    }

    /// <summary>The CPU's PlasticityRuntime.Store: the weight clipped to the bounds, in double and in the float table.</summary>
    private static void Store(StdpLaunch p, long s, double w)
    {
        w = PlasticityRuntime.Clip(w, p.WMin, p.WMax);
        p.W[s] = w;
        p.Wf[s] = (float)w;
    }

    /// <summary>
    /// Homeostatic normalisation of post neuron i, as the CPU's PlasticityRuntime.Normalize: the sum of
    /// its column's weights in column order; when nonzero, each weight times target/sum, clipped, in both copies.
    /// </summary>
    public static void Normalize(Index1D index, Batch<NormalizeLaunch> batch)
    {
        int i = index;
        var p = batch.Find(ref i, default(NormalizeItems));
        int a = p.ColumnStart[i], b = p.ColumnStart[i + 1];
        double sum = 0;
        for (int c = a; c < b; c++) sum += p.W[p.ColumnSynapse[c]];
        if (sum == 0) return;
        double f = p.Target[i] / sum;
        for (int c = a; c < b; c++)
        {
            int s = p.ColumnSynapse[c];
            double w = PlasticityRuntime.Clip(p.W[s] * f, p.WMin, p.WMax);
            p.W[s] = w;
            p.Wf[s] = (float)w;
        }
    }

    /// <summary>A plastic projection from rate units: the column copy graded propagation reads, again from the row weights (GradedPull.Refresh).</summary>
    public static void RefreshColumns(Index1D index, Batch<RefreshLaunch> batch)
    {
        int k = index;
        var p = batch.Find(ref k, default(RefreshItems));
        p.Column[k] = p.Row[p.Synapse[k]];
    }

    /// <summary>
    /// A rate rule, presynaptic unit j's row (rows are disjoint): skipped when its output is 0, else each
    /// synapse s onto i becomes w + Δw(pre, post_i, w) (<see cref="IDeviceRateRule"/>, the CPU rule's
    /// static math), clipped, in both copies, as RateRuleRuntime.AfterPropagation.
    /// </summary>
    public static void RateRule<TRule>(Index1D index, Batch<RateRuleItem<TRule>> batch) where TRule : struct, IDeviceRateRule
    {
        int j = index;
        var item = batch.Find(ref j, default(RateRows<TRule>));
        var p = item.Launch;
        var rule = item.Rule;
        double x = p.PreOut[j];
        if (x == 0) return;
        for (long s = p.RowStart[j], e = p.RowStart[j + 1]; s < e; s++)
        {
            int i = p.Target[s];
            double w = p.W[s];
            w = PlasticityRuntime.Clip(w + rule.Change(p, x, p.PostOut[i], w, i), p.WMin, p.WMax);
            p.W[s] = w;
            p.Wf[s] = (float)w;
        }
    }

    /// <summary>BCM, after the weights: post unit i's threshold moves toward post² (BcmRule.Threshold).</summary>
    public static void BcmThreshold(Index1D index, Batch<RateRuleItem<BcmDevice>> batch)
    {
        int i = index;
        var p = batch.Find(ref i, default(RatePosts<BcmDevice>)).Launch;
        p.Theta[i] = BcmRule.Threshold(p.Theta[i], p.PostOut[i], p.Gain);
    }

    /// <summary>
    /// bgrnn, a thread per presynaptic row k with output x of the step that drove this step's logits:
    /// online, each synapse k → j becomes w + η·x·(h_j − p_j) with the penalties (BgRnnRule.Next),
    /// clipped, in both copies (skipped for x = 0 without a penalty); batched, η·x·(h_j − p_j) is added to
    /// the synapse's pending sum (skipped for x = 0), as BgRnnRuntime.BeforePropagation.
    /// </summary>
    public static void BgRnnRows(Index1D k, BgRnnLaunch p)
    {
        double x = p.Prev[k];
        if (x == 0 && (p.Batched != 0 || p.Penalised == 0)) return;
        for (long s = p.RowStart[k], e = p.RowStart[k + 1]; s < e; s++)
        {
            int j = p.Target[s];
            if (p.Batched != 0)
            {
                p.Pending[s] += BgRnnRule.Delta(x, p.H[j], p.P[j], p.Eta);
                continue;
            }
            double w = PlasticityRuntime.Clip(BgRnnRule.Next(p.W[s], x, p.H[j], p.P[j], p.Eta, p.Decay, p.L1), p.WMin, p.WMax);
            p.W[s] = w;
            p.Wf[s] = (float)w;
        }
    }

    /// <summary>bgrnn at a batch's last step, a thread per synapse: the pending sum applied with the penalties (BgRnnRule.Apply), clipped, in both copies, and cleared.</summary>
    public static void BgRnnApply(Index1D s, BgRnnLaunch p)
    {
        double d = p.Pending[s];
        if (d == 0 && p.Penalised == 0) return;
        double w = PlasticityRuntime.Clip(BgRnnRule.Apply(p.W[s], d, p.Eta, p.Decay, p.L1), p.WMin, p.WMax);
        p.W[s] = w;
        p.Wf[s] = (float)w;
        p.Pending[s] = 0;
    }

    /// <summary>
    /// Short-term plasticity, after the update and before propagation (the CPU's BeforePropagation): each
    /// spiking presynaptic neuron j (one thread group each) releases (ShortTermPlasticity.Release) and its
    /// row's float weights become w·u·x. Per synapse, each thread of the group takes its synapses; per
    /// neuron, every thread computes the release from the same state, the group waits, thread 0 stores it.
    /// </summary>
    public static void StpRelease(Batch<StpLaunch> batch)
    {
        // The step's spikes of every projection of the batch, one after another: a group per spiking neuron.
        int total = 0;
        for (int k = 0; k < batch.Count; k++) total += default(StpSpikes).Of(batch.Get(k));
        for (int g = Grid.IdxX; g < total; g += Grid.DimX)
        {
            int local = g;
            var p = batch.Find(ref local, default(StpSpikes));
            int j = p.PreRecords[p.Counters[2 * p.PrePopulation + 1] + local];
            long a = p.RowStart[j], b = p.RowStart[j + 1];
            if (p.PerSynapse != 0)
            {
                for (long s = a + Group.IdxX; s < b; s += Group.DimX)
                {
                    double u = p.U[s], x = p.X[s];
                    double r = ShortTermPlasticity.Release(ref u, ref x, p.T - p.Last[s], p.BigU, p.TauRec, p.TauFac);
                    p.U[s] = u; p.X[s] = x; p.Last[s] = p.T; p.Release[s] = r;
                    p.Wf[s] = (float)(p.W[s] * r);
                }
            }
            else
            {
                double u = p.U[j], x = p.X[j];
                double r = ShortTermPlasticity.Release(ref u, ref x, p.T - p.Last[j], p.BigU, p.TauRec, p.TauFac);
                Group.Barrier();
                if (Group.IdxX == 0) { p.U[j] = u; p.X[j] = x; p.Last[j] = p.T; p.Release[j] = r; }
                for (long s = a + Group.IdxX; s < b; s += Group.DimX) p.Wf[s] = (float)(p.W[s] * r);
            }
        }
    }
}
