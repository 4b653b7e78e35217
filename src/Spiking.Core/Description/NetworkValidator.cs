using Spiking.Models;

namespace Spiking.Description;

/// <summary>
/// Checks a <see cref="NetworkSpec"/> for everything that would make it fail or mean nothing:
/// references to missing populations, receptors and variables, sizes, probabilities, delays, signs,
/// the clock, and each model's own parameter checks. Collects every error before reporting.
/// </summary>
public static class NetworkValidator
{
    /// <summary>The largest dt accepted (ms); larger steps are almost certainly a unit mistake.</summary>
    public const double MaxDt = 10;

    /// <summary>The smallest dt accepted (ms).</summary>
    public const double MinDt = 1e-6;

    /// <summary>Returns all problems; empty when the spec can run.</summary>
    public static IReadOnlyList<ValidationError> Validate(NetworkSpec spec)
    {
        var errors = new List<ValidationError>();
        void Err(string path, string msg) => errors.Add(new ValidationError(path, msg));

        var sim = spec.Simulation;
        double dt = sim.Dt;
        bool dtOk = dt >= MinDt && dt <= MaxDt && double.IsFinite(dt);
        if (!dtOk) Err("simulation.dt", $"must be between {MinDt} ms and {MaxDt} ms (got {dt} ms)");
        if (!(sim.Duration >= 0) || !double.IsFinite(sim.Duration)) Err("simulation.duration", $"must be >= 0 ms (got {sim.Duration})");
        if (sim.Threads < 0) Err("simulation.threads", $"must be >= 0, 0 meaning one per core (got {sim.Threads})");

        var pops = new Dictionary<string, (int Index, PopulationSpec Spec, INeuronModel? Model)>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Populations.Count; k++)
        {
            var p = spec.Populations[k];
            string at = $"populations[{k}]";
            if (string.IsNullOrWhiteSpace(p.Name)) Err($"{at}.name", "must not be empty");
            else if (!pops.TryAdd(p.Name, (k, p, null))) Err($"{at}.name", $"population '{p.Name}' is defined twice");
            if (p.Size <= 0) Err($"{at}.size", $"must be a positive number of neurons (got {p.Size})");
            if (!ModelRegistry.TryGet(p.Model, out var model))
            {
                Err($"{at}.model", $"unknown model '{p.Model}'; known models: {string.Join(", ", ModelRegistry.Names)}");
                continue;
            }
            if (p.Name is not null && pops.ContainsKey(p.Name) && pops[p.Name].Index == k) pops[p.Name] = (k, p, model);
            foreach (var name in p.Parameters.Keys)
                if (!model.Parameters.Any(x => x.Name == name))
                    Err($"{at}.parameters.{name}", $"model '{model.Name}' has no parameter '{name}'; its parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}");
            foreach (var name in p.Initial.Keys)
                if (!model.Variables.Any(x => x.Name == name))
                    Err($"{at}.initial.{name}", $"model '{model.Name}' has no state variable '{name}'; its variables: {string.Join(", ", model.Variables.Select(x => x.Name))}");
            foreach (var (name, value) in p.Parameters)
                if (!double.IsFinite(value)) Err($"{at}.parameters.{name}", $"must be a finite number (got {value})");
            if (dtOk && p.Parameters.Keys.All(n => model.Parameters.Any(x => x.Name == n)))
                foreach (var msg in model.Validate(p.Parameters, dt)) Err($"{at}.parameters", msg);
            if (p.PreciseSpikeTimes && !model.SupportsPreciseSpikeTimes)
                Err($"{at}.precise_spike_times", $"model '{model.Name}' cannot stamp spikes inside a step; models that can: lif_cuba");
            if (p.PreciseSpikeTimes && dtOk && p.Parameters.TryGetValue("t_ref", out var tref) && tref < dt)
                Err($"{at}.parameters.t_ref", $"precise spike times need t_ref >= dt ({dt} ms), got {tref} ms");
        }

        var projNames = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Projections.Count; k++)
        {
            var pr = spec.Projections[k];
            string at = $"projections[{k}]";
            if (string.IsNullOrWhiteSpace(pr.Name)) Err($"{at}.name", "must not be empty");
            else if (!projNames.Add(pr.Name)) Err($"{at}.name", $"projection '{pr.Name}' is defined twice");
            bool preOk = pops.TryGetValue(pr.Pre, out var pre);
            bool postOk = pops.TryGetValue(pr.Post, out var post);
            if (!preOk) Err($"{at}.pre", $"no population named '{pr.Pre}'; populations: {string.Join(", ", pops.Keys)}");
            if (!postOk) Err($"{at}.post", $"no population named '{pr.Post}'; populations: {string.Join(", ", pops.Keys)}");
            ReceptorInfo? receptor = null;
            if (postOk && post.Model is { } pm)
            {
                receptor = pm.Receptors.FirstOrDefault(r => r.Name == pr.Receptor);
                if (receptor is null) Err($"{at}.receptor", $"model '{pm.Name}' of population '{pr.Post}' has no receptor '{pr.Receptor}'; its receptors: {string.Join(", ", pm.Receptors.Select(r => r.Name))}");
            }
            CheckConnector(pr.Connector, preOk ? pre.Spec.Size : -1, postOk ? post.Spec.Size : -1, $"{at}.connector", Err);
            CheckValue(pr.Weight, $"{at}.weight", Err);
            CheckValue(pr.Delay, $"{at}.delay", Err);
            if (pr.Delay.Min < 0) Err($"{at}.delay", $"must be >= 0 ms (got a minimum of {pr.Delay.Min} ms)");
            if (dtOk && pr.Delay.Max / dt > ushort.MaxValue) Err($"{at}.delay", $"at most {ushort.MaxValue} steps ({ushort.MaxValue * dt} ms) is supported");
            if (receptor is { ActsAtStepEnd: true } && dtOk && pr.Delay.Min < dt - 1e-12)
                Err($"{at}.delay", $"receptor '{receptor.Name}' of model '{post.Model!.Name}' applies input at the end of a step, so the delay must be at least one step ({dt} ms); got {pr.Delay.Min} ms");
            if (pr.SpectralRadius is { } rho)
            {
                if (!(rho > 0) || !double.IsFinite(rho)) Err($"{at}.spectral_radius", $"must be a positive number (got {rho})");
                if (pr.Pre != pr.Post) Err($"{at}.spectral_radius", $"applies only to a recurrent projection (pre = post); this one goes from '{pr.Pre}' to '{pr.Post}'");
                if (pr.Delay.Max > 0) Err($"{at}.spectral_radius", "applies only to undelayed projections (delay 0 ms), where the weights alone are the recurrent matrix");
            }
            if (pr.Plasticity is { } plastic)
                CheckPlasticity(plastic, preOk ? pre.Model : null, postOk ? post.Model : null, receptor, dtOk ? dt : double.NaN, $"{at}.plasticity", Err);
            // Bounded weight specs must respect the sign; normal draws that cross it are clipped at 0 when built.
            bool bounded = pr.Weight is not NormalValue;
            bool conductance = receptor?.IsConductance ?? false;
            if (bounded && conductance && pr.Weight.Min < 0)
                Err($"{at}.weight", $"receptor '{receptor!.Name}' is a conductance, so weights must be >= 0 nS (got a minimum of {pr.Weight.Min}); inhibition comes from the receptor's reversal potential");
            else if (bounded && pr.Sign == SynapseSign.Excitatory && pr.Weight.Min < 0)
                Err($"{at}.weight", $"projection is declared excitatory but its weights can be negative (minimum {pr.Weight.Min})");
            else if (bounded && pr.Sign == SynapseSign.Inhibitory && !conductance && pr.Weight.Max > 0)
                Err($"{at}.weight", $"projection is declared inhibitory but its weights can be positive (maximum {pr.Weight.Max}); current- and voltage-based inhibition needs weights <= 0");
        }

        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            string at = $"inputs[{k}]";
            if (string.IsNullOrWhiteSpace(input.Name)) Err($"{at}.name", "must not be empty");
            else if (!inputNames.Add(input.Name)) Err($"{at}.name", $"input '{input.Name}' is defined twice");
            if (!pops.TryGetValue(input.Target, out var target))
            {
                Err($"{at}.target", $"no population named '{input.Target}'; populations: {string.Join(", ", pops.Keys)}");
                continue;
            }
            CheckNeurons(input.Neurons, target.Spec.Size, $"{at}.neurons", Err);
            string? receptorName = input switch { PoissonInputSpec pi => pi.Receptor, SpikeTimesInputSpec st => st.Receptor, _ => null };
            ReceptorInfo? receptor = null;
            if (receptorName is not null && target.Model is { } tm)
            {
                receptor = tm.Receptors.FirstOrDefault(r => r.Name == receptorName);
                if (receptor is null) Err($"{at}.receptor", $"model '{tm.Name}' has no receptor '{receptorName}'; its receptors: {string.Join(", ", tm.Receptors.Select(r => r.Name))}");
            }
            switch (input)
            {
                case PoissonInputSpec pi:
                    if (!(pi.Rate >= 0) || !double.IsFinite(pi.Rate)) Err($"{at}.rate", $"must be >= 0 Hz (got {pi.Rate})");
                    if (pi.Count < 1) Err($"{at}.count", $"must be at least 1 source per neuron (got {pi.Count})");
                    if (!double.IsFinite(pi.Weight)) Err($"{at}.weight", "must be a finite number");
                    if (receptor is { IsConductance: true } && pi.Weight < 0) Err($"{at}.weight", $"receptor '{receptor.Name}' is a conductance, so the weight must be >= 0 nS");
                    if (dtOk && pi.Rate * pi.Count * dt * 1e-3 > 1e6) Err($"{at}.rate", "rate × count × dt is above 10^6 spikes per step");
                    break;
                case SpikeTimesInputSpec st:
                    if (st.SpikeNeurons.Count != st.SpikeTimes.Count) Err($"{at}.times", $"{st.SpikeTimes.Count} times for {st.SpikeNeurons.Count} neurons; give one neuron per time");
                    for (int m = 0; m < st.SpikeTimes.Count; m++)
                        if (!(st.SpikeTimes[m] >= 0)) { Err($"{at}.times", $"spike times must be >= 0 ms (entry {m} is {st.SpikeTimes[m]})"); break; }
                    if (receptor is { ActsAtStepEnd: true } && dtOk && st.SpikeTimes.Any(t => t < dt))
                        Err($"{at}.times", $"receptor '{receptor.Name}' applies input at the end of a step, so spike times must be >= dt ({dt} ms)");
                    CheckNeurons(st.SpikeNeurons, target.Spec.Size, $"{at}.neurons", Err);
                    break;
                case CurrentInputSpec ci:
                    if (ci.Times.Count != ci.Amplitudes.Count) Err($"{at}.amplitudes", $"{ci.Amplitudes.Count} amplitudes for {ci.Times.Count} times; give one amplitude per time");
                    if (ci.Times.Count == 0) Err($"{at}.amplitudes", "at least one amplitude is needed");
                    for (int m = 1; m < ci.Times.Count; m++)
                        if (!(ci.Times[m] > ci.Times[m - 1])) { Err($"{at}.times", "times must be strictly increasing"); break; }
                    if (ci.Times.Any(t => t < 0)) Err($"{at}.times", "times must be >= 0 ms");
                    break;
            }
        }

        var stateMonitored = new HashSet<string>(StringComparer.Ordinal);
        var spikeMonitored = new HashSet<string>(StringComparer.Ordinal);
        var rateMonitored = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Monitors.Count; k++)
        {
            var m = spec.Monitors[k];
            string at = $"monitors[{k}]";
            if (m is WeightMonitorSpec wm)
            {
                if (!projNames.Contains(wm.Projection)) Err($"{at}.projection", $"no projection named '{wm.Projection}'; projections: {string.Join(", ", projNames)}");
                if (wm.Times.Count == 0) Err($"{at}.times", "give at least one snapshot time");
                for (int q = 0; q < wm.Times.Count; q++)
                {
                    if (!(wm.Times[q] >= 0) || !double.IsFinite(wm.Times[q])) { Err($"{at}.times", $"times must be >= 0 ms (entry {q} is {wm.Times[q]})"); break; }
                    if (q > 0 && !(wm.Times[q] > wm.Times[q - 1])) { Err($"{at}.times", "times must be strictly increasing"); break; }
                }
                continue;
            }
            if (!pops.TryGetValue(m.Population, out var pop))
            {
                Err($"{at}.population", $"no population named '{m.Population}'; populations: {string.Join(", ", pops.Keys)}");
                continue;
            }
            CheckNeurons(m.Neurons, pop.Spec.Size, $"{at}.neurons", Err);
            switch (m)
            {
                case SpikeMonitorSpec:
                    if (!spikeMonitored.Add(m.Population)) Err($"{at}.population", $"spikes of '{m.Population}' are already recorded by another monitor");
                    break;
                case StateMonitorSpec sm:
                    if (!stateMonitored.Add(m.Population)) Err($"{at}.population", $"state of '{m.Population}' is already recorded by another monitor; list all variables in one");
                    if (sm.Variables.Count == 0) Err($"{at}.variables", "name at least one state variable");
                    if (pop.Model is { } model)
                        foreach (var v in sm.Variables)
                            if (!model.Variables.Any(x => x.Name == v))
                                Err($"{at}.variables", $"model '{model.Name}' has no state variable '{v}'; its variables: {string.Join(", ", model.Variables.Select(x => x.Name))}");
                    if (dtOk && !(sm.Interval >= dt - 1e-12)) Err($"{at}.interval", $"must be at least dt ({dt} ms), got {sm.Interval} ms");
                    break;
                case RateMonitorSpec rm:
                    if (!rateMonitored.Add(m.Population)) Err($"{at}.population", $"the rate of '{m.Population}' is already recorded by another monitor");
                    if (dtOk && !(rm.Bin >= dt - 1e-12)) Err($"{at}.bin", $"must be at least dt ({dt} ms), got {rm.Bin} ms");
                    break;
            }
        }
        return errors;
    }

    /// <summary>Throws <see cref="SpecException"/> with every problem, if there are any.</summary>
    public static void ThrowIfInvalid(NetworkSpec spec)
    {
        var errors = Validate(spec);
        if (errors.Count > 0) throw new SpecException(errors, spec.SourceName);
    }

    private static void CheckPlasticity(PlasticitySpec p, INeuronModel? pre, INeuronModel? post, ReceptorInfo? receptor, double dt, string at, Action<string, string> err)
    {
        if (!Plasticity.PlasticityRegistry.TryGet(p.Rule, out var rule))
        {
            err($"{at}.rule", $"unknown rule '{p.Rule}'; known rules: {string.Join(", ", Plasticity.PlasticityRegistry.Names)}");
            return;
        }
        var known = Plasticity.PlasticityRegistry.ParametersOf(rule).ToList();
        bool ok = true;
        foreach (var (name, value) in p.Parameters)
        {
            if (!known.Any(x => x.Name == name))
            {
                err($"{at}.{name}", $"rule '{rule.Name}' has no parameter '{name}'; its parameters: {string.Join(", ", known.Select(x => x.Name))}; options: {string.Join(", ", rule.Options.Select(o => o.Name))}");
                ok = false;
            }
            else if (double.IsNaN(value)) { err($"{at}.{name}", "must be a number"); ok = false; }
        }
        foreach (var (name, value) in p.Options)
        {
            var option = rule.Options.FirstOrDefault(o => o.Name == name);
            if (option is null) { err($"{at}.{name}", $"rule '{rule.Name}' has no option '{name}'" + (rule.Options.Count > 0 ? $"; its options: {string.Join(", ", rule.Options.Select(o => o.Name))}" : "")); ok = false; }
            else if (!option.Values.Contains(value)) { err($"{at}.{name}", $"unknown {name} '{value}'; expected {string.Join(" or ", option.Values)}"); ok = false; }
        }
        if (pre is not null && post is not null)
        {
            bool preRate = pre.OutputsRates, postRate = post.OutputsRates;
            var need = preRate ? Plasticity.PlasticityActivity.Rates : Plasticity.PlasticityActivity.Spikes;
            if (preRate != postRate)
                err($"{at}.rule", $"rule '{rule.Name}' needs both populations spiking or both rate units; this projection goes from {(preRate ? "rate" : "spiking")} model '{pre.Name}' to {(postRate ? "rate" : "spiking")} model '{post.Name}'");
            else if ((rule.Activity & need) == 0)
                err($"{at}.rule", $"rule '{rule.Name}' works on {(need == Plasticity.PlasticityActivity.Rates ? "spiking populations" : "rate populations")}; models '{pre.Name}' → '{post.Name}' are {(preRate ? "rate units" : "spiking")}");
        }
        if (!ok) return;
        var settings = new Plasticity.PlasticitySettings(rule, p);
        double wMin = settings["w_min"], wMax = settings["w_max"];
        if (!(wMin <= wMax)) err($"{at}.w_max", $"must be >= w_min ({wMin}), got {wMax}");
        if (receptor is { IsConductance: true } && wMax < 0) err($"{at}.w_max", $"receptor '{receptor.Name}' is a conductance; w_max must be >= 0 nS (got {wMax})");
        if (settings["normalize_every"] < 0) err($"{at}.normalize_every", $"must be >= 0 ms (got {settings["normalize_every"]})");
        if (p.Options.TryGetValue("update", out var u) && u == "multiplicative" && wMin < 0 && receptor is not { IsConductance: true })
            err($"{at}.w_min", "multiplicative depression scales with w; give w_min >= 0");
        if (!double.IsNaN(dt))
            foreach (var msg in rule.Validate(settings, dt)) err(at, msg);
    }

    private static void CheckConnector(ConnectorSpec c, int preSize, int postSize, string at, Action<string, string> err)
    {
        switch (c)
        {
            case FixedProbabilityConnector fp:
                if (!(fp.P >= 0 && fp.P <= 1)) err($"{at}.p", $"a probability must be between 0 and 1 (got {fp.P})");
                break;
            case FixedInDegreeConnector k:
                if (k.K < 0) err($"{at}.k", $"must be >= 0 (got {k.K})");
                else if (preSize > 0 && !k.AllowMultapses && k.K > preSize) err($"{at}.k", $"{k.K} distinct sources asked from a population of {preSize}");
                break;
            case FixedOutDegreeConnector k:
                if (k.K < 0) err($"{at}.k", $"must be >= 0 (got {k.K})");
                else if (postSize > 0 && !k.AllowMultapses && k.K > postSize) err($"{at}.k", $"{k.K} distinct targets asked from a population of {postSize}");
                break;
            case FixedTotalNumberConnector n:
                if (n.N < 0) err($"{at}.n", $"must be >= 0 (got {n.N})");
                break;
            case OneToOneConnector:
                if (preSize > 0 && postSize > 0 && preSize != postSize) err($"{at}.kind", $"one_to_one needs equal sizes (pre {preSize}, post {postSize})");
                break;
            case ExplicitConnector e:
                if (e.Pre.Count != e.Post.Count) err($"{at}.post", $"{e.Post.Count} post indices for {e.Pre.Count} pre indices; give pairs");
                if (preSize > 0) CheckNeurons(e.Pre, preSize, $"{at}.pre", err);
                if (postSize > 0) CheckNeurons(e.Post, postSize, $"{at}.post", err);
                break;
        }
    }

    private static void CheckValue(ValueSpec v, string at, Action<string, string> err)
    {
        switch (v)
        {
            case ConstantValue c when !double.IsFinite(c.Value): err(at, "must be a finite number"); break;
            case UniformValue u when !(u.Low <= u.High): err(at, $"uniform bounds must satisfy low <= high (got {u.Low}, {u.High})"); break;
            case NormalValue n when !(n.StandardDeviation >= 0): err(at, $"a standard deviation must be >= 0 (got {n.StandardDeviation})"); break;
        }
    }

    private static void CheckNeurons(IReadOnlyList<int>? neurons, int size, string at, Action<string, string> err)
    {
        if (neurons is null || size <= 0) return;
        foreach (var n in neurons)
            if (n < 0 || n >= size) { err(at, $"neuron index {n} is outside 0..{size - 1}"); return; }
    }
}
