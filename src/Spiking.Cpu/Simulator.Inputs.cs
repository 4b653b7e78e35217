using Spiking.Random;
using Spiking.Engine;

namespace Spiking.Cpu;

// The time-stepped engine's inputs: Poisson draws per chunk, currents and noise per step, spike times onto timed populations.
public sealed partial class Simulator
{
    private void PoissonChunk(int c)
    {
        var pi = _currentPoisson!;
        var into = pi.Target.InputFor(pi.Receptor, _step);
        int start = c * ChunkSize, end = Math.Min(pi.Count, start + ChunkSize);
        double lambda = pi.LambdaPerStep, w = pi.Weight;
        var table = pi.Table;
        ulong seed = _net.Spec.Simulation.DynamicsSeed;
        // Stream per (input, neuron), 16 blocks reserved per step: draws depend on nothing else.
        ulong block = (ulong)_step << 4;
        int k = start;
        if (table is not null)
        {
            // One uniform per neuron from the first block of its stream at this step, four neurons'
            // blocks at a time: the draws of PhiloxStream.NextPoisson(table), faster.
            var (k0, k1, c3) = PhiloxStream.Key(seed, StreamKind.PoissonInput, pi.Index);
            uint c0 = (uint)block, c1 = (uint)(block >> 32);
            for (; k + 4 <= end; k += 4)
            {
                int i0 = Neuron(pi, k), i1 = Neuron(pi, k + 1), i2 = Neuron(pi, k + 2), i3 = Neuron(pi, k + 3);
                Philox.Block4(k0, k1, c0, c1, (uint)i0, (uint)i1, (uint)i2, (uint)i3, c3, out var b0, out var b1, out var b2, out var b3);
                AddSpikes(into, i0, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b0, (uint)(b0 >> 32)), table), w);
                AddSpikes(into, i1, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b1, (uint)(b1 >> 32)), table), w);
                AddSpikes(into, i2, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b2, (uint)(b2 >> 32)), table), w);
                AddSpikes(into, i3, PhiloxStream.PoissonFromUniform(PhiloxStream.ToDouble((uint)b3, (uint)(b3 >> 32)), table), w);
            }
        }
        for (; k < end; k++)
        {
            int i = Neuron(pi, k);
            var rng = new PhiloxStream(seed, StreamKind.PoissonInput, pi.Index, (uint)i, block);
            AddSpikes(into, i, table is null ? rng.NextPoisson(lambda) : rng.NextPoisson(table), w);
        }
    }

    private static int Neuron(PoissonRuntime pi, int k) => pi.Neurons is null ? k : pi.Neurons[k];

    private static void AddSpikes(double[] into, int i, int spikes, double w)
    {
        if (spikes > 0) into[i] += spikes * w;
    }

    private void ApplyCurrents(long n)
    {
        foreach (var p in _pops)
        {
            bool changed = false;
            foreach (var c in _currents)
                if (c.Target == p) changed |= c.Advance(n);
            if (!changed) continue;
            var current = _baseCurrent[p.Index] ?? p.Group.ExternalCurrent;
            Array.Clear(current);
            foreach (var c in _currents)
            {
                if (c.Target != p) continue;
                double a = c.Current;
                if (c.Neurons is null) for (int i = 0; i < current.Length; i++) current[i] += a;
                else foreach (var i in c.Neurons) current[i] += a;
            }
        }
    }

    /// <summary>
    /// Noise currents of step n: each population with noise gets the current of its current inputs
    /// plus, per neuron, a draw from N(mean, sd²) of each noise input, from stream
    /// (seed, NoiseInput, input, neuron) at block n (one block gives the two uniforms of one draw).
    /// </summary>
    private void ApplyNoise(long n)
    {
        ulong seed = _net.Spec.Simulation.DynamicsSeed;
        foreach (var p in _pops)
        {
            if (_baseCurrent[p.Index] is not { } baseCurrent) continue;
            var current = p.Group.ExternalCurrent;
            baseCurrent.CopyTo(current, 0);
            foreach (var z in _noise)
            {
                if (z.Target != p) continue;
                int count = z.Neurons?.Length ?? p.Size;
                var (k0, k1, c3) = PhiloxStream.Key(seed, StreamKind.NoiseInput, z.Index);
                for (int k = 0; k < count; k++)
                {
                    int i = z.Neurons is null ? k : z.Neurons[k];
                    // The first block of stream (seed, NoiseInput, input, i) at block n: NextNormal of that stream.
                    Philox.Block(k0, k1, (uint)n, (uint)((ulong)n >> 32), (uint)i, c3, out uint b0, out uint b1, out uint b2, out uint b3);
                    current[i] += Models.NoiseMath.Draw(z.Mean, z.StandardDeviation, b0, b1, b2, b3);
                }
            }
        }
    }
}
