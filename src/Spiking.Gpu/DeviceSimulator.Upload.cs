using ILGPU;
using Spiking.Runtime;
using ILGPU.Runtime;
using Spiking.Engine;
using static Spiking.Gpu.DeviceMemory;
using System.Diagnostics;
using Spiking.Description;
using Spiking.Models;
using Spiking.Readouts;

namespace Spiking.Gpu;

// Part of DeviceSimulator: the upload of a network and the wiring of its inputs, monitors and readouts.
public sealed partial class DeviceSimulator
{
    /// <summary>
    /// As the public constructor, with blocks of at most <paramref name="maxBlockSteps"/> steps (tests use
    /// short blocks) and, when <paramref name="memoryLimit"/> &gt; 0, that many bytes of device memory
    /// instead of the device's own (tests of the refusal).
    /// </summary>
    internal DeviceSimulator(Network network, DeviceBackend backend, DeviceSums sums, int maxBlockSteps, long memoryLimit = 0)
    {
        var problems = Unsupported(network, backend);
        if (problems.Count > 0)
            throw new DeviceUnsupportedException("the device backend does not run: " + string.Join("; ", problems));
        if (backend == DeviceBackend.Auto) backend = DeviceBackend.Cuda;
        _net = network;
        _sums = sums;
        Backend = backend;
        var clock = Stopwatch.StartNew();
        (_context, _acc) = DeviceBackends.Open(backend);
        long limit = memoryLimit > 0 ? memoryLimit : _acc.MemorySize;
        try
        {
            var spec = network.Spec;
            double dt = network.Dt;
            // Room per step for every neuron's spike, and for the outputs of rate units that readouts learn from in blocks.
            bool blockReadouts = spec.Readouts.Count > 0 && spec.Readouts.All(r => r.Feedback is null);
            long readoutUnits = blockReadouts ? spec.Readouts.Select(r => r.Population).Distinct()
                .Select(name => network.Population(name)).Where(p => p.Group.Output is not null).Sum(p => (long)p.Size) : 0;
            long total = Math.Max(1, network.Populations.Sum(p => (long)p.Size) + readoutUnits);
            int blockSteps = (int)Math.Clamp(RecordBudget / total, 1, Math.Max(1, maxBlockSteps));
            _memory = new DeviceMemory(_acc, limit);
            _device = new DeviceSession(network, _acc, _memory, sums, blockSteps, network.Populations.Count);
            _hostCounters = new int[2 * Math.Max(1, network.Populations.Count)];
            _hostStepEnds = new int[Math.Max(1, network.Populations.Count) * blockSteps];
            _spikeTotals = new long[network.Populations.Count];

            // Series (for series inputs and readout targets) and the inputs resolved once, as the CPU engine does.
            long seriesSteps = (long)Math.Round(spec.Simulation.Duration / dt) + 1;
            var series = new Dictionary<string, IReadOnlyDictionary<string, double[]>>(StringComparer.Ordinal);
            for (int sk = 0; sk < spec.Series.Count; sk++)
                series[spec.Series[sk].Name] = Tasks.SeriesGenerators.Generate(spec.Series[sk], seriesSteps, dt, spec.Simulation.Seed, sk);
            var inputs = Inputs.InputPlan.Create(network, series);
            var (hasCurrent, hasNoise) = inputs.MembraneTargets(network.Populations.Count);
            _pops = network.Populations.Select(p => new DevicePopulation(_device, _step, p, hasCurrent[p.Index], hasNoise[p.Index])).ToArray();
            long keyBase = 0;
            _projs = new DeviceProjection[network.Projections.Count];
            for (int k = 0; k < _projs.Length; k++)
            {
                _projs[k] = new DeviceProjection(_device, _pops, network.Projections[k], keyBase);
                keyBase += network.Projections[k].Synapses.Count;
                if (_projs[k].Graded && !_projs[k].HasDelays) _gradedStepEvents += network.Projections[k].Synapses.Count;
            }
            if (sums == DeviceSums.Deterministic)
                foreach (var p in _pops) p.CreateBucket(_device, _projs);
            _device.LoadPlasticityKernels();
            _rules = _projs.Select(p => DeviceRule.Create(_device, p)).OfType<DeviceRule>().ToArray();

            (_poisson, _times, _timedTimes, _currents, _noise) = DeviceInputs.Create(_device, inputs, dt, _pops);
            // A population's only Poisson input, for all its neurons, is drawn by its update kernel: one launch
            // fewer a step. Nothing else adds into its input between the inputs and the update then (spike-time
            // inputs would, so they keep it separate), so the sums are the same.
            foreach (var p in _pops)
            {
                var onto = _poisson.Where(x => x.Target == p).ToArray();
                if (onto.Length == 1 && onto[0].Whole && p.Precise is null && !_times.Any(t => t.Target == p))
                    p.FusedPoisson = onto[0];
            }
            foreach (var p in _pops)
                if (p.Precise is not null) p.CreateTimedLists(_device, _projs, _timedTimes.Where(t => t.Target == p).Select(t => t.Table));

            (_monitors, _stateMons, _weightMons) = DeviceMonitors.Create(_device, network, _pops, _rules);

            // Readouts train on the host, as on the CPU, from the state copied off the device after each step's update.
            _readouts = new ReadoutRuntime[spec.Readouts.Count];
            _readoutPops = new DevicePopulation[spec.Readouts.Count];
            _feedbackPops = spec.Readouts.Where(r => r.Feedback is not null).Select(r => _pops[Network.IndexOf(spec, r.Feedback!)]).Distinct().ToArray();
            _blockReadoutsPossible = _blockReadouts = blockReadouts;
            _readoutOutputs = blockReadouts
                ? _readoutPops.Length == 0 ? [] : spec.Readouts.Select(r => _pops[Network.IndexOf(spec, r.Population)]).Distinct()
                    .Where(p => p.OutputVar >= 0).Select(p => new ReadoutOutput(_device, p)).ToArray()
                : [];
            for (int k = 0; k < spec.Readouts.Count; k++)
            {
                var r = spec.Readouts[k];
                _readouts[k] = new ReadoutRuntime(r, k, network, series[r.Target][r.Channel]);
                _readoutPops[k] = _pops[Network.IndexOf(spec, r.Population)];
            }
            _readoutSources = _readoutPops.Distinct().ToArray();
            _readoutSync = _readoutSources.Concat(_feedbackPops).Distinct().ToArray();
            _sampleAt = new int[_stateMons.Length];

            _device.LoadStepKernels(graded: _projs.Any(p => p.Graded));
            _acc.Synchronize();
        }
        catch
        {
            DisposeDevice();
            throw;
        }
        UploadSeconds = clock.Elapsed.TotalSeconds;
    }
}
