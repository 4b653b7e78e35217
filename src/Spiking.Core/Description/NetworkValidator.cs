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
                foreach (var msg in model.Validate(p.Parameters, dt))
                {
                    // A message about one parameter ("tau_x must be > 0 ...") points at that parameter's line.
                    var named = model.Parameters.FirstOrDefault(x => msg.StartsWith(x.Name + " ", StringComparison.Ordinal));
                    Err(named is null ? $"{at}.parameters" : $"{at}.parameters.{named.Name}", msg);
                }
            if (sim.Mode == SimulationMode.Event) CheckEventMode(p, model, at, Err);
            else if (p.PreciseSpikeTimes && model.SupportsTimedInput)
                CheckTauSeparation(p, model, at, "precise spike times need", "run it with precise_spike_times = false", Err);
            if (p.PreciseSpikeTimes && !model.SupportsPreciseSpikeTimes)
            {
                var able = ModelRegistry.Names.Where(n => ModelRegistry.TryGet(n, out var m) && m.SupportsPreciseSpikeTimes);
                Err($"{at}.precise_spike_times", $"model '{model.Name}' of population '{p.Name}' cannot time spikes inside a step; models that can: {string.Join(", ", able)}");
            }
            // t_ref >= dt: at most one spike per neuron per step (the spike buffer and the offsets hold one).
            double? tref = p.Parameters.TryGetValue("t_ref", out var given) ? given : model.Parameters.FirstOrDefault(x => x.Name == "t_ref")?.Default;
            if (p.PreciseSpikeTimes && model.SupportsPreciseSpikeTimes && dtOk && tref < dt - 1e-12)
                Err($"{at}.parameters.t_ref", $"precise spike times allow at most one spike per step, so population '{p.Name}' needs t_ref >= dt ({dt} ms); got {tref} ms");
        }

        CheckLayouts(spec, Err);

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
            if (pr.Connector is DistanceConnector)
            {
                if (preOk && pre.Spec.Layout is null) Err($"{at}.connector", $"a distance connector needs positions: population '{pr.Pre}' has no layout (give it layout = {{ grid = [nx, ny, nz] }})");
                if (postOk && post.Spec.Layout is null && pr.Post != pr.Pre) Err($"{at}.connector", $"a distance connector needs positions: population '{pr.Post}' has no layout (give it layout = {{ grid = [nx, ny, nz] }})");
            }
            CheckValue(pr.Weight, $"{at}.weight", Err);
            CheckValue(pr.Delay, $"{at}.delay", Err);
            if (pr.Delay.Min < 0) Err($"{at}.delay", $"must be >= 0 ms (got a minimum of {pr.Delay.Min} ms)");
            // A normal delay (with min, else its Min is −∞ and refused above) is checked at its mean + 10 sd: a draw beyond has probability below 1e-23.
            double delayMax = pr.Delay is NormalValue nd ? Math.Min(nd.High, nd.Mean + 10 * nd.StandardDeviation) : pr.Delay.Max;
            if (dtOk && delayMax / dt > ushort.MaxValue) Err($"{at}.delay", $"at most {ushort.MaxValue} steps ({ushort.MaxValue * dt} ms) is supported");
            if (receptor is { ActsAtStepEnd: true } && dtOk && pr.Delay.Min < dt - 1e-12)
                Err($"{at}.delay", $"receptor '{receptor.Name}' of model '{post.Model!.Name}' applies input at the end of a step, so the delay must be at least one step ({dt} ms); got {pr.Delay.Min} ms");
            // Onto lif_cuba a projection that breaks these rules is delivered on the grid instead (Network.Build).
            if (postOk && post.Model is { SupportsTimedInput: true } && post.Spec.PreciseSpikeTimes && receptor is { ActsAtStepEnd: true } && dtOk
                && sim.Mode == SimulationMode.Step)
            {
                // Offsets travel unchanged through whole-step delays; a delay off the grid would have to be rounded.
                if (pr.Delay is not ConstantValue cd)
                    Err($"{at}.delay", $"projection '{pr.Name}' targets population '{pr.Post}', which has precise spike times; its delay must be one constant that is a multiple of dt ({dt} ms), not a distribution (run event mode, --mode event, for continuous per-synapse delays)");
                else if (Math.Abs(cd.Value / dt - Math.Round(cd.Value / dt)) > 1e-9 * Math.Max(1, cd.Value / dt))
                    Err($"{at}.delay", $"projection '{pr.Name}' targets population '{pr.Post}', which has precise spike times; its delay must be a multiple of dt ({dt} ms), got {cd.Value} ms (nearest: {Math.Round(cd.Value / dt) * dt} ms; or run event mode, --mode event, for continuous delays)");
            }
            if (pr.SpectralRadius is { } rho)
            {
                if (!(rho > 0) || !double.IsFinite(rho)) Err($"{at}.spectral_radius", $"must be a positive number (got {rho})");
                if (pr.Pre != pr.Post) Err($"{at}.spectral_radius", $"applies only to a recurrent projection (pre = post); this one goes from '{pr.Pre}' to '{pr.Post}'");
                if (pr.Delay.Max > 0) Err($"{at}.spectral_radius", "applies only to undelayed projections (delay 0 ms), where the weights alone are the recurrent matrix");
            }
            if (pr.Plasticity is { } plastic)
            {
                CheckPlasticity(plastic, preOk ? pre.Model : null, postOk ? post.Model : null, receptor, dtOk ? dt : double.NaN, $"{at}.plasticity", Err);
                // Rules that need a kind of post model or a constant delay (bgrnn) say so themselves.
                if (Plasticity.PlasticityRegistry.TryGet(plastic.Rule, out var needy) && needy is Plasticity.IProjectionRequirements req
                    && preOk && pre.Model is { } preModel && postOk && post.Model is { } postModel)
                    foreach (var (field, message) in req.Check(pr, preModel, postModel)) Err($"{at}.{field}", message);
            }
            // Bounded weight specs must respect the sign; normal draws that cross it are clipped at 0 when built.
            bool bounded = pr.Weight is not NormalValue { IsTruncated: false };
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
            if (input is PoissonInputSpec or NoiseInputSpec && input.Neurons is { } listed && listed.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } twice)
                Err($"{at}.neurons", $"neuron {twice.Key} is listed twice: each listed neuron draws once per step from its own random stream, so a second entry would repeat the same draw, not add an independent one; for more input raise {(input is PoissonInputSpec ? "rate or count" : "sd or mean")}, or add a second input");
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
                    bool timed = target.Model is { SupportsTimedInput: true } && target.Spec.PreciseSpikeTimes && sim.Mode == SimulationMode.Step;
                    if (receptor is { ActsAtStepEnd: true } && dtOk && !timed && st.SpikeTimes.Any(t => t < dt))
                        Err($"{at}.times", $"receptor '{receptor.Name}' applies input at the end of a step, so spike times must be >= dt ({dt} ms)");
                    if (timed && receptor is { ActsAtStepEnd: true } && st.SpikeTimes.Any(t => t <= 0))
                        Err($"{at}.times", $"population '{input.Target}' has precise spike times, which take inputs in (0, T]: spike times must be > 0 ms");
                    CheckNeurons(st.SpikeNeurons, target.Spec.Size, $"{at}.neurons", Err);
                    break;
                case CurrentInputSpec ci:
                    if (ci.Times.Count != ci.Amplitudes.Count) Err($"{at}.amplitudes", $"{ci.Amplitudes.Count} amplitudes for {ci.Times.Count} times; give one amplitude per time");
                    if (ci.Times.Count == 0) Err($"{at}.amplitudes", "at least one amplitude is needed");
                    for (int m = 1; m < ci.Times.Count; m++)
                        if (!(ci.Times[m] > ci.Times[m - 1])) { Err($"{at}.times", "times must be strictly increasing"); break; }
                    if (ci.Times.Any(t => t < 0)) Err($"{at}.times", "times must be >= 0 ms");
                    break;
                case NoiseInputSpec ni:
                    if (!double.IsFinite(ni.Mean)) Err($"{at}.mean", $"must be a finite current (got {ni.Mean})");
                    if (!(ni.StandardDeviation >= 0) || !double.IsFinite(ni.StandardDeviation)) Err($"{at}.sd", $"must be >= 0 nA (got {ni.StandardDeviation})");
                    if (sim.Mode == SimulationMode.Event) Err($"{at}.kind", "noise inputs draw a current per step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
                    break;
                case SeriesInputSpec si:
                {
                    var known = spec.Series.FirstOrDefault(x => x.Name == si.Series);
                    if (known is null) Err($"{at}.series", $"no series named '{si.Series}'; series: {(spec.Series.Count == 0 ? "(none)" : string.Join(", ", spec.Series.Select(x => x.Name)))}");
                    else if (Tasks.SeriesGenerators.All.TryGetValue(known.Generator, out var g) && !g.Channels.Contains(si.Channel))
                        Err($"{at}.series", $"series '{si.Series}' ({known.Generator}) has no channel '{si.Channel}'; its channels: {string.Join(", ", g.Channels)}");
                    break;
                }
            }
        }

        CheckSeriesAndReadouts(spec, pops.ToDictionary(kv => kv.Key, kv => (kv.Value.Spec.Size, kv.Value.Model)), Err);

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

    /// <summary>The smallest relative difference between tau_m and a synaptic time constant that event mode accepts (see docs/event-driven.md).</summary>
    public const double MinEventTauSeparation = 1e-3;

    private static void CheckEventMode(PopulationSpec p, INeuronModel model, string at, Action<string, string> err)
    {
        if (!model.SupportsEventDriven)
        {
            var able = ModelRegistry.Names.Where(n => ModelRegistry.TryGet(n, out var m) && m.SupportsEventDriven);
            err($"{at}.model", $"model '{model.Name}' of population '{p.Name}' cannot be advanced exactly between events, so it cannot run in event mode; "
                + $"run it time-stepped (mode = \"step\" in [simulation], or --mode step). Models that run in event mode: {string.Join(", ", able)}");
            return;
        }
        CheckTauSeparation(p, model, at, "event mode needs", "run it time-stepped (--mode step)", err);
    }

    /// <summary>
    /// lif_cuba in event mode and with precise spike times writes v(t) as a sum of exponentials; with
    /// tau_syn = tau_m it is not, and near it the coefficients tau_s/(tau_s − tau_m) cancel badly.
    /// </summary>
    private static void CheckTauSeparation(PopulationSpec p, INeuronModel model, string at, string needs, string instead, Action<string, string> err)
    {
        if (model.Name != "lif_cuba") return;
        double Get(string name) => p.Parameters.TryGetValue(name, out var v) ? v : model.Parameters.First(x => x.Name == name).Default;
        double tm = Get("tau_m");
        foreach (var name in new[] { "tau_syn_ex", "tau_syn_in" })
        {
            double ts = Get(name);
            if (Math.Abs(ts - tm) < MinEventTauSeparation * tm)
                err($"{at}.parameters.{name}", $"{needs} {name} to differ from tau_m by at least {MinEventTauSeparation:0.###} of tau_m (got {name} = {ts} ms, tau_m = {tm} ms); "
                    + $"the degenerate case tau_syn = tau_m is not supported there: {instead}");
        }
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
        if (pre is not null && post is not null && rule is not Plasticity.IProjectionRequirements) // those check the models themselves
        {
            bool preRate = pre.IsRate, postRate = post.IsRate;
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

    /// <summary>Layouts, columns and spike-source times.</summary>
    private static void CheckLayouts(NetworkSpec spec, Action<string, string> err)
    {
        var columns = new Dictionary<string, (GridLayout Layout, int Size, string First)>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Populations.Count; k++)
        {
            var p = spec.Populations[k];
            string at = $"populations[{k}]";
            if (p.SpikeTimes is { } trains)
            {
                if (p.Model != "spike_source") err($"{at}.spike_times", $"only spike_source populations take spike times (this one is '{p.Model}')");
                if (trains.Count > p.Size) err($"{at}.spike_times", $"{trains.Count} spike trains for {p.Size} units");
                for (int i = 0; i < trains.Count; i++)
                    if (trains[i].Any(t => !(t >= 0) || !double.IsFinite(t))) { err($"{at}.spike_times", $"spike times must be finite and >= 0 ms (unit {i})"); break; }
            }
            if (p.Column is not null && p.Layout is null) err($"{at}.column", "a column shares the sites of a layout: give layout = { grid = [nx, ny, nz] } too");
            if (p.Layout is not { } layout) continue;
            if (layout.Nx <= 0 || layout.Ny <= 0 || layout.Nz <= 0) { err($"{at}.layout", $"grid dimensions must be positive (got [{layout.Nx}, {layout.Ny}, {layout.Nz}])"); continue; }
            if (p.Column is null)
            {
                if (p.Size != layout.Sites) err($"{at}.layout", $"a grid of {layout.Sites} sites holds a population of {layout.Sites} neurons, not {p.Size} (share a grid between populations with column = \"NAME\")");
                continue;
            }
            if (columns.TryGetValue(p.Column, out var c))
            {
                if (c.Layout != layout) err($"{at}.layout", $"column '{p.Column}' has layout [{c.Layout.Nx}, {c.Layout.Ny}, {c.Layout.Nz}] (population '{c.First}'); all its populations need the same");
                columns[p.Column] = (c.Layout, c.Size + p.Size, c.First);
            }
            else columns[p.Column] = (layout, p.Size, p.Name);
        }
        foreach (var (name, c) in columns)
            if (c.Size != c.Layout.Sites)
                err("populations", $"the populations of column '{name}' have {c.Size} neurons for its {c.Layout.Sites} grid sites; their sizes must add up to the number of sites");
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
            case DistanceConnector dc:
                if (!(dc.C >= 0 && dc.C <= 1)) err($"{at}.C", $"the peak probability C must be between 0 and 1 (got {dc.C})");
                if (!(dc.Lambda > 0) || !double.IsFinite(dc.Lambda)) err($"{at}.lambda", $"must be a positive distance in grid units (got {dc.Lambda})");
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

    private static void CheckSeriesAndReadouts(NetworkSpec spec, Dictionary<string, (int Size, Models.INeuronModel? Model)> pops, Action<string, string> err)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Series.Count; k++)
        {
            var s = spec.Series[k];
            string at = $"series[{k}]";
            if (string.IsNullOrWhiteSpace(s.Name)) err($"{at}.name", "must not be empty");
            else if (!names.Add(s.Name)) err($"{at}.name", $"series '{s.Name}' is defined twice");
            if (!Tasks.SeriesGenerators.All.TryGetValue(s.Generator, out var g))
            {
                err($"{at}.generator", $"unknown generator '{s.Generator}'; known: {string.Join(", ", Tasks.SeriesGenerators.All.Keys)}");
                continue;
            }
            foreach (var (key, value) in s.Parameters)
            {
                if (!g.Parameters.ContainsKey(key))
                    err($"{at}.{key}", $"generator '{g.Name}' has no parameter '{key}'; its parameters: {(g.Parameters.Count == 0 ? "(none)" : string.Join(", ", g.Parameters.Keys))}");
                else if (!double.IsFinite(value)) err($"{at}.{key}", "must be a finite number");
            }
        }

        if (spec.Simulation.Mode == SimulationMode.Event)
        {
            for (int k = 0; k < spec.Projections.Count; k++)
                if (spec.Projections[k].Plasticity is { } ps && Plasticity.PlasticityRegistry.TryGet(ps.Rule, out var rule) && !rule.SupportsEventDriven)
                    err($"projections[{k}].plasticity", $"rule '{rule.Name}' runs in the time-stepped kernel only; rules that run in event mode: "
                        + string.Join(", ", Plasticity.PlasticityRegistry.Names.Where(n => Plasticity.PlasticityRegistry.TryGet(n, out var r) && r.SupportsEventDriven))
                        + "; or run with mode = \"step\" (or --mode step)");
                else if (spec.Projections[k].Plasticity is { } pn && pn.Parameters.TryGetValue("normalize_every", out var every) && every > 0)
                    err($"projections[{k}].plasticity.normalize_every", "normalisation runs every so many steps in the time-stepped kernel only; remove it or run with mode = \"step\"");
            for (int k = 0; k < spec.Readouts.Count; k++)
                err($"readouts[{k}]", "readouts are trained step by step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
            for (int k = 0; k < spec.Inputs.Count; k++)
                if (spec.Inputs[k] is SeriesInputSpec) err($"inputs[{k}].kind", "series inputs give one value per step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
        }

        var readoutNames = new HashSet<string>(StringComparer.Ordinal);
        double dt = spec.Simulation.Dt;
        for (int k = 0; k < spec.Readouts.Count; k++)
        {
            var r = spec.Readouts[k];
            string at = $"readouts[{k}]";
            if (string.IsNullOrWhiteSpace(r.Name)) err($"{at}.name", "must not be empty");
            else if (!readoutNames.Add(r.Name)) err($"{at}.name", $"readout '{r.Name}' is defined twice");
            if (!pops.ContainsKey(r.Population)) err($"{at}.population", $"no population named '{r.Population}'; populations: {string.Join(", ", pops.Keys)}");
            var target = spec.Series.FirstOrDefault(x => x.Name == r.Target);
            if (target is null) err($"{at}.target", $"no series named '{r.Target}'; series: {(spec.Series.Count == 0 ? "(none)" : string.Join(", ", spec.Series.Select(x => x.Name)))}");
            else if (Tasks.SeriesGenerators.All.TryGetValue(target.Generator, out var g) && !g.Channels.Contains(r.Channel))
                err($"{at}.target", $"series '{r.Target}' ({target.Generator}) has no channel '{r.Channel}'; its channels: {string.Join(", ", g.Channels)}");
            if (!(r.Washout >= 0)) err($"{at}.washout", $"must be >= 0 ms (got {r.Washout})");
            if (!(r.Train >= r.Washout)) err($"{at}.train", $"the end of training ({r.Train} ms) must not come before the washout ({r.Washout} ms)");
            if (!(r.Ridge >= 0) || !double.IsFinite(r.Ridge)) err($"{at}.ridge", $"must be >= 0 (got {r.Ridge})");
            if (!(r.Alpha > 0) || !double.IsFinite(r.Alpha)) err($"{at}.alpha", $"must be > 0 (got {r.Alpha})");
            if (!(r.LearningRate > 0) || !double.IsFinite(r.LearningRate)) err($"{at}.learning_rate", $"must be > 0 (got {r.LearningRate})");
            if (r.LearnEvery < 1) err($"{at}.learn_every", $"must be at least 1 step (got {r.LearnEvery})");
            if (!(r.FilterTau >= dt) || !double.IsFinite(r.FilterTau)) err($"{at}.filter_tau", $"must be at least dt ({dt} ms), got {r.FilterTau} ms");
            if (r.Method == ReadoutMethod.Force && r.Feedback is null)
                err($"{at}.feedback", "method force needs feedback = \"POPULATION\", a rate_input population of one unit that carries the output back");
            if (r.Feedback is not null)
            {
                if (!pops.TryGetValue(r.Feedback, out var fb)) err($"{at}.feedback", $"no population named '{r.Feedback}'; populations: {string.Join(", ", pops.Keys)}");
                else if (fb.Model?.Name != "rate_input" || fb.Size != 1) err($"{at}.feedback", $"population '{r.Feedback}' must be one rate_input unit (it is {fb.Size} × {fb.Model?.Name ?? "?"})");
            }
        }
    }

    private static void CheckValue(ValueSpec v, string at, Action<string, string> err)
    {
        switch (v)
        {
            case ConstantValue c when !double.IsFinite(c.Value): err(at, "must be a finite number"); break;
            case UniformValue u when !(u.Low <= u.High): err(at, $"uniform bounds must satisfy low <= high (got {u.Low}, {u.High})"); break;
            case NormalValue n when !(n.StandardDeviation >= 0): err(at, $"a standard deviation must be >= 0 (got {n.StandardDeviation})"); break;
            case NormalValue n when n.IsTruncated && !(n.Low < n.High):
                err(at, $"normal bounds must satisfy min < max (got {n.Low}, {n.High})"); break;
            case NormalValue n when n.IsTruncated && n.StandardDeviation > 0 && (n.Low > n.Mean + 5 * n.StandardDeviation || n.High < n.Mean - 5 * n.StandardDeviation):
                err(at, $"the bounds [{n.Low}, {n.High}] of normal [{n.Mean}, {n.StandardDeviation}] lie more than 5 standard deviations from the mean: almost every draw would be redrawn"); break;
            case GammaValue g when !(g.StandardDeviation >= 0) || !double.IsFinite(g.Mean) || !double.IsFinite(g.StandardDeviation):
                err(at, $"gamma needs a finite mean and a standard deviation >= 0 (got {g.Mean}, {g.StandardDeviation})"); break;
        }
    }

    private static void CheckNeurons(IReadOnlyList<int>? neurons, int size, string at, Action<string, string> err)
    {
        if (neurons is null || size <= 0) return;
        foreach (var n in neurons)
            if (n < 0 || n >= size) { err(at, $"neuron index {n} is outside 0..{size - 1}"); return; }
    }
}
