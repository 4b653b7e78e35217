using System.Globalization;
using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Models;
using Spiking.Tasks;
using Spiking.Units;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Spiking.IO.ModelFiles;

/// <summary>
/// Reads a model file (TOML) into a <see cref="NetworkSpec"/>. The text is parsed to Tomlyn's syntax
/// tree so that every value keeps its line; every problem (TOML syntax, unknown keys, wrong types,
/// wrong units, and everything <see cref="NetworkValidator"/> finds) is collected and reported in one
/// <see cref="SpecException"/> whose errors carry the line, in file order.
/// </summary>
/// <remarks>
/// <para>Layout of a file (numbers may be bare, meaning the field's base unit, or strings with a unit
/// such as <c>"20 ms"</c>; base units are ms, mV, nA, nS, pF, MOhm, Hz):</para>
/// <code>
/// variant = "AI"                       # optional default variant (must exist under [variants])
/// [simulation]                          # dt, duration (required); seed (>= 0, default 1); threads (default 0 = one per core); mode ("step" or "event"); trial (>= 0, default 0)
/// [[populations]]                       # name, model, size, precise_spike_times, layout = { grid = [nx, ny, nz] }, column, spike_times (spike_source); [populations.parameters], [populations.initial]
/// [[projections]]                       # name, pre, post, receptor, connector, weight, delay (default 0 ms), sign, plasticity = { rule = ..., ... }
/// [[inputs]]                            # kind = poisson | spike_times | current | noise (mean, sd) | series
/// [[monitors]]                          # kind = spikes | state | rate | weights (projection, times)
/// [variants.NAME]                       # "section.element.field[.subfield]" = value, applied before validation
/// </code>
/// <para>Values drawn per element (initial state, weights, delays) are a quantity, <c>{ uniform = [low, high] }</c>
/// or <c>{ normal = [mean, sd] }</c>. A state monitor's <c>interval</c> defaults to dt; a rate monitor's
/// <c>bin</c> is required. Elements of a section in a variant path are named by their <c>name</c> (or,
/// for monitors, which have none, by their index from 0).</para>
/// </remarks>
public static class ModelFileReader
{
    /// <summary>
    /// Reads and validates the model file at <paramref name="path"/>.
    /// </summary>
    /// <param name="path">File to read; also the source name in messages.</param>
    /// <param name="variant">Variant to apply (overrides the file's own <c>variant</c> key); null for the file's default.</param>
    /// <returns>The description, with <see cref="NetworkSpec.SourceText"/> and <see cref="NetworkSpec.SourceName"/> set.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SpecException">The file is not a valid model; every problem is listed with its line.</exception>
    public static NetworkSpec Read(string path, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"model file '{path}' does not exist", path);
        return Parse(File.ReadAllText(path), path, variant);
    }

    /// <summary>
    /// Parses and validates model-file text.
    /// </summary>
    /// <param name="text">The whole TOML text.</param>
    /// <param name="sourceName">Name used in messages and stored as <see cref="NetworkSpec.SourceName"/> (usually the path).</param>
    /// <param name="variant">Variant to apply (overrides the file's own <c>variant</c> key); null for the file's default.</param>
    /// <returns>The description, with <see cref="NetworkSpec.SourceText"/> and <see cref="NetworkSpec.SourceName"/> set.</returns>
    /// <exception cref="SpecException">The text is not a valid model; every problem is listed with its line.</exception>
    public static NetworkSpec Parse(string text, string sourceName, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        // Tomlyn's semantic validation is off (see TomlTree): the tree builder checks TOML's key rules itself.
        var doc = SyntaxParser.Parse(text, sourceName, validate: false);
        if (doc.HasErrors)
        {
            var syntaxErrors = new List<ValidationError>();
            foreach (var d in doc.Diagnostics)
                if (d.Kind == DiagnosticMessageKind.Error)
                    syntaxErrors.Add(new ValidationError("toml", "syntax error: " + d.Message) { Line = d.Span.Start.Line + 1 });
            throw new SpecException(syntaxErrors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);
        }

        var tomlErrors = new List<ValidationError>();
        var root = TomlTree.Build(doc, tomlErrors);
        if (tomlErrors.Count > 0)
            throw new SpecException(tomlErrors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);

        var reader = new SpecReader();
        var spec = reader.Read(root, variant) with { SourceText = text, SourceName = sourceName };

        var errors = new List<ValidationError>(reader.Errors);
        foreach (var e in NetworkValidator.Validate(spec))
        {
            if (reader.IsFlagged(e.Path)) continue; // already reported, more precisely, while reading
            errors.Add(e with { Line = e.Line ?? reader.LineOf(e.Path) });
        }
        if (errors.Count > 0)
            throw new SpecException(errors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);
        return spec;
    }
}

// ------------------------------------------------------------------------------------------------
// From the tree to the description, collecting every error with its line.
// ------------------------------------------------------------------------------------------------

internal sealed class SpecReader
{
    private static readonly string[] TopKeys = ["variant", "simulation", "populations", "projections", "inputs", "monitors", "series", "readouts", "variants"];
    private static readonly string[] ArraySections = ["populations", "projections", "inputs", "monitors", "series", "readouts"];

    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<string> _flagged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Error(string path, int? line, string message)
    {
        _errors.Add(new ValidationError(path, message) { Line = line });
        _flagged.Add(path);
    }

    public void Record(string path, int line) => _lines[path] = line;

    /// <summary>Marks a path as already reported (or unreadable) so the validator's complaints under it are dropped.</summary>
    public void Flag(string path) => _flagged.Add(path);

    /// <summary>Whether <paramref name="path"/> or a field containing it was already reported by the reader.</summary>
    public bool IsFlagged(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_flagged.Contains(p)) return true;
        return false;
    }

    /// <summary>The line recorded for <paramref name="path"/> or, failing that, for the nearest field containing it.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_lines.TryGetValue(p, out var l)) return l;
        return null;
    }

    private static string Parent(string path)
    {
        if (path.EndsWith(']'))
        {
            int b = path.LastIndexOf('[');
            return b > 0 ? path[..b] : "";
        }
        int d = path.LastIndexOf('.');
        return d > 0 ? path[..d] : "";
    }

    public NetworkSpec Read(TTable root, string? variantArgument)
    {
        var top = new TableReader(this, root, "");
        top.CheckKeys(TopKeys);

        ApplyVariant(root, top, variantArgument);

        // Simulation.
        SimulationSpec sim;
        double dt = double.NaN;
        var simTable = top.Table("simulation", required: true, "[simulation] with dt and duration");
        if (simTable is not null)
        {
            var r = new TableReader(this, simTable, "simulation");
            r.CheckKeys("dt", "duration", "seed", "threads", "mode", "trial");
            // dt must carry its unit: a bare 0.1 means 0.1 s to a Brian2 user and 0.1 ms to a NEST user,
            // a factor of 1000 that would silently change every result.
            if (r.Entry("dt") is { } dtEntry && dtEntry.Value is TScalar dtScalar
                && (dtScalar.Value is long or double || (dtScalar.Value is string dts && double.TryParse(dts.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))))
            {
                Error("simulation.dt", dtEntry.Line, $"needs a unit, for example \"0.1 ms\"; a bare number is ambiguous (Brian2 reads seconds, NEST milliseconds)");
            }
            else
            {
                dt = r.Quantity("dt", Dimension.Time, required: true) ?? double.NaN;
            }
            double duration = r.Quantity("duration", Dimension.Time, required: true) ?? double.NaN;
            long seed = r.Integer("seed", required: false, 0, long.MaxValue, "an integer >= 0") ?? 1;
            int threads = (int)(r.Integer("threads", required: false, int.MinValue, int.MaxValue, "an integer (0 = one per core)") ?? 0);
            var mode = SimulationMode.Step;
            switch (r.String("mode", required: false, "\"step\" or \"event\""))
            {
                case null or "step": break;
                case "event": mode = SimulationMode.Event; break;
                case var other: Error("simulation.mode", r.LineOfKey("mode"), $"unknown mode '{other}'; expected \"step\" (time-stepped) or \"event\" (event-driven, exact spike times)"); break;
            }
            uint trial = (uint)(r.Integer("trial", required: false, 0, uint.MaxValue, "an integer >= 0 (0: the seed's own dynamics)") ?? 0);
            sim = new SimulationSpec(dt, duration, (ulong)seed, threads) { Mode = mode, Trial = trial };
        }
        else
        {
            Flag("simulation");
            sim = new SimulationSpec(double.NaN, double.NaN);
        }

        // Populations.
        var populations = new List<PopulationSpec>();
        var modelOf = new Dictionary<string, INeuronModel>(StringComparer.Ordinal);
        foreach (var (k, t) in top.Elements("populations"))
        {
            string at = $"populations[{k}]";
            var r = new TableReader(this, t, at);
            r.CheckKeys("name", "model", "size", "precise_spike_times", "parameters", "initial", "layout", "column", "spike_times");
            string name = r.String("name", required: true, "a population name") ?? "";
            string modelName = r.String("model", required: true, "a model name (" + string.Join(", ", ModelRegistry.Names) + ")") ?? "";
            int size = (int)(r.Integer("size", required: true, int.MinValue, int.MaxValue, "an integer number of neurons") ?? 0);
            bool precise = r.Bool("precise_spike_times") ?? false;
            var layout = ReadLayout(r, at);
            string? column = r.String("column", required: false, "the name of a column whose grid sites this population shares");
            var spikeTimes = r.QuantityLists("spike_times", Dimension.Time, required: false);
            ModelRegistry.TryGet(modelName, out var model);
            if (model is not null) modelOf.TryAdd(name, model);

            var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
            if (r.Table("parameters", required: false, "a table of parameter values") is { } pt)
            {
                if (model is null) Flag($"{at}.parameters");
                else
                    foreach (var e in pt.Entries)
                    {
                        string path = $"{at}.parameters.{e.Key}";
                        Record(path, e.Line);
                        var info = model.Parameters.FirstOrDefault(p => p.Name == e.Key);
                        if (info is null)
                        {
                            Error(path, e.Line, $"model '{model.Name}' has no parameter '{e.Key}'; allowed: {string.Join(", ", model.Parameters.Select(p => p.Name))}");
                            continue;
                        }
                        if (QuantityOf(e.Value, info.Dimension, path, e.Line) is { } v) parameters[e.Key] = v;
                    }
            }

            var initial = new Dictionary<string, ValueSpec>(StringComparer.Ordinal);
            if (r.Table("initial", required: false, "a table of initial values") is { } it)
            {
                if (model is null) Flag($"{at}.initial");
                else
                    foreach (var e in it.Entries)
                    {
                        string path = $"{at}.initial.{e.Key}";
                        Record(path, e.Line);
                        var info = model.Variables.FirstOrDefault(p => p.Name == e.Key);
                        if (info is null)
                        {
                            Error(path, e.Line, $"model '{model.Name}' has no state variable '{e.Key}'; allowed: {string.Join(", ", model.Variables.Select(p => p.Name))}");
                            continue;
                        }
                        if (ValueOf(e.Value, info.Dimension, path, e.Line) is { } v) initial[e.Key] = v;
                    }
            }
            populations.Add(new PopulationSpec(name, modelName, size, parameters, initial)
            {
                PreciseSpikeTimes = precise,
                Layout = layout,
                Column = column,
                SpikeTimes = spikeTimes,
            });
        }

        Dimension? WeightDimension(string population, string receptor)
            => modelOf.TryGetValue(population, out var m) && m.Receptors.FirstOrDefault(x => x.Name == receptor) is { } rc
                ? rc.WeightDimension : null;

        // Projections.
        var projections = new List<ProjectionSpec>();
        foreach (var (k, t) in top.Elements("projections"))
        {
            string at = $"projections[{k}]";
            var r = new TableReader(this, t, at);
            r.CheckKeys("name", "pre", "post", "receptor", "connector", "weight", "delay", "sign", "spectral_radius", "plasticity");
            string name = r.String("name", required: true, "a projection name") ?? "";
            string pre = r.String("pre", required: true, "the name of the presynaptic population") ?? "";
            string post = r.String("post", required: true, "the name of the postsynaptic population") ?? "";
            string receptor = r.String("receptor", required: true, "a receptor of the post model (for example \"exc\" or \"inh\")") ?? "";
            var connector = ReadConnector(r, at);
            var weight = r.Value("weight", WeightDimension(post, receptor), required: true) ?? new ConstantValue(0);
            var delay = r.Value("delay", Dimension.Time, required: false) ?? new ConstantValue(0);
            var sign = SynapseSign.Any;
            if (r.String("sign", required: false, "excitatory, inhibitory or any") is { } s)
            {
                switch (s)
                {
                    case "excitatory": sign = SynapseSign.Excitatory; break;
                    case "inhibitory": sign = SynapseSign.Inhibitory; break;
                    case "any": sign = SynapseSign.Any; break;
                    default: Error($"{at}.sign", r.LineOfKey("sign"), $"unknown sign '{s}'; expected excitatory, inhibitory or any"); break;
                }
            }
            double? spectralRadius = r.Has("spectral_radius") ? r.Quantity("spectral_radius", Dimension.Dimensionless, required: true) : null;
            var plasticity = ReadPlasticity(r, at, WeightDimension(post, receptor));
            projections.Add(new ProjectionSpec(name, pre, post, receptor, connector, weight, delay, sign) { SpectralRadius = spectralRadius, Plasticity = plasticity });
        }

        // Inputs.
        var inputs = new List<InputSpec>();
        foreach (var (k, t) in top.Elements("inputs"))
        {
            string at = $"inputs[{k}]";
            var r = new TableReader(this, t, at);
            string? kind = r.String("kind", required: true, "poisson, spike_times, current, noise or series");
            string name = r.String("name", required: true, "an input name") ?? "";
            string target = r.String("target", required: true, "the name of the driven population") ?? "";
            switch (kind)
            {
                case "poisson":
                {
                    r.CheckKeys("kind", "name", "target", "receptor", "rate", "weight", "count", "neurons");
                    string receptor = r.String("receptor", required: true, "a receptor of the target model") ?? "";
                    double rate = r.Quantity("rate", Dimension.Frequency, required: true) ?? 0;
                    double weight = r.Quantity("weight", WeightDimension(target, receptor), required: true) ?? 0;
                    int count = (int)(r.Integer("count", required: false, int.MinValue, int.MaxValue, "an integer number of sources per neuron") ?? 1);
                    var neurons = r.IntList("neurons", required: false);
                    inputs.Add(new PoissonInputSpec(name, target, receptor, rate, weight, count) { Neurons = neurons });
                    break;
                }
                case "spike_times":
                {
                    r.CheckKeys("kind", "name", "target", "receptor", "weight", "neurons", "times");
                    string receptor = r.String("receptor", required: true, "a receptor of the target model") ?? "";
                    double weight = r.Quantity("weight", WeightDimension(target, receptor), required: true) ?? 0;
                    var neurons = r.IntList("neurons", required: true) ?? [];
                    var times = r.QuantityList("times", Dimension.Time, required: true) ?? [];
                    inputs.Add(new SpikeTimesInputSpec(name, target, receptor, weight, neurons, times));
                    break;
                }
                case "current":
                {
                    r.CheckKeys("kind", "name", "target", "amplitude", "start", "stop", "times", "amplitudes", "neurons");
                    var neurons = r.IntList("neurons", required: false);
                    bool constant = r.Has("amplitude");
                    bool piecewise = r.Has("times") || r.Has("amplitudes");
                    IReadOnlyList<double> times = [], amplitudes = [];
                    if (constant && piecewise)
                    {
                        Error($"{at}.amplitude", r.LineOfKey("amplitude"), "give either amplitude (with start and stop) or times and amplitudes, not both");
                    }
                    else if (constant)
                    {
                        double a = r.Quantity("amplitude", Dimension.Current, required: true) ?? 0;
                        double start = r.Quantity("start", Dimension.Time, required: false) ?? 0;
                        double? stop = r.Quantity("stop", Dimension.Time, required: false);
                        if ((r.LineOfKey("stop") ?? r.LineOfKey("start")) is { } tl) Record($"{at}.times", tl);
                        if (r.LineOfKey("amplitude") is { } al) Record($"{at}.amplitudes", al);
                        if (stop is { } sv)
                        {
                            if (!(sv > start))
                            {
                                Error($"{at}.stop", r.LineOfKey("stop"), $"must be after start ({Fmt(start)} ms), got {Fmt(sv)} ms");
                                Flag($"{at}.times");
                            }
                            times = [start, sv];
                            amplitudes = [a, 0];
                        }
                        else { times = [start]; amplitudes = [a]; }
                    }
                    else if (piecewise)
                    {
                        if (r.Has("start") || r.Has("stop"))
                            Error($"{at}.{(r.Has("start") ? "start" : "stop")}", r.LineOfKey(r.Has("start") ? "start" : "stop"),
                                "start and stop go with amplitude; with times and amplitudes, put the switch-off as a final amplitude of 0");
                        times = r.QuantityList("times", Dimension.Time, required: true) ?? [];
                        amplitudes = r.QuantityList("amplitudes", Dimension.Current, required: true) ?? [];
                    }
                    else
                    {
                        Error($"{at}.amplitude", t.Line, "a current input needs amplitude = \"0.5 nA\" (with optional start and stop), or times = [...] and amplitudes = [...]");
                    }
                    inputs.Add(new CurrentInputSpec(name, target, times, amplitudes) { Neurons = neurons });
                    break;
                }
                case "noise":
                {
                    r.CheckKeys("kind", "name", "target", "mean", "sd", "neurons");
                    var neurons = r.IntList("neurons", required: false);
                    double mean = r.Quantity("mean", Dimension.Current, required: false) ?? 0;
                    double sd = r.Quantity("sd", Dimension.Current, required: true) ?? 0;
                    inputs.Add(new NoiseInputSpec(name, target, mean, sd) { Neurons = neurons });
                    break;
                }
                case "series":
                {
                    r.CheckKeys("kind", "name", "target", "series", "neurons");
                    var neurons = r.IntList("neurons", required: false);
                    var (series, channel) = SeriesReference(r.String("series", required: true, "the name of a [[series]] entry, optionally with .channel") ?? "");
                    inputs.Add(new SeriesInputSpec(name, target, series, channel) { Neurons = neurons });
                    break;
                }
                default:
                {
                    if (kind is not null)
                        Error($"{at}.kind", r.LineOfKey("kind"), $"unknown input kind '{kind}'; expected poisson, spike_times, current, noise or series");
                    Flag(at);
                    inputs.Add(new CurrentInputSpec(name, target, [0], [0]));
                    break;
                }
            }
        }

        // Monitors.
        var monitors = new List<MonitorSpec>();
        foreach (var (k, t) in top.Elements("monitors"))
        {
            string at = $"monitors[{k}]";
            var r = new TableReader(this, t, at);
            string? kind = r.String("kind", required: true, "spikes, state, rate or weights");
            if (kind == "weights")
            {
                r.CheckKeys("kind", "projection", "times");
                string projection = r.String("projection", required: true, "the name of the recorded projection") ?? "";
                var times = r.QuantityList("times", Dimension.Time, required: true) ?? [];
                monitors.Add(new WeightMonitorSpec(projection, times));
                continue;
            }
            string population = r.String("population", required: true, "the name of the recorded population") ?? "";
            var neurons = r.IntList("neurons", required: false);
            switch (kind)
            {
                case "spikes":
                    r.CheckKeys("kind", "population", "neurons");
                    monitors.Add(new SpikeMonitorSpec(population) { Neurons = neurons });
                    break;
                case "state":
                    r.CheckKeys("kind", "population", "neurons", "variables", "interval");
                    var variables = r.StringList("variables", required: true) ?? [];
                    double interval = r.Quantity("interval", Dimension.Time, required: false) ?? dt;
                    monitors.Add(new StateMonitorSpec(population, variables, interval) { Neurons = neurons });
                    break;
                case "rate":
                    r.CheckKeys("kind", "population", "neurons", "bin");
                    double bin = r.Quantity("bin", Dimension.Time, required: true) ?? dt;
                    monitors.Add(new RateMonitorSpec(population, bin) { Neurons = neurons });
                    break;
                default:
                    if (kind is not null)
                        Error($"{at}.kind", r.LineOfKey("kind"), $"unknown monitor kind '{kind}'; expected spikes, state, rate or weights");
                    Flag(at);
                    monitors.Add(new SpikeMonitorSpec(population));
                    break;
            }
        }

        // Series generated in code.
        var seriesList = new List<SeriesSpec>();
        foreach (var (k, t) in top.Elements("series"))
        {
            string at = $"series[{k}]";
            var r = new TableReader(this, t, at);
            string name = r.String("name", required: true, "a series name") ?? "";
            string generator = r.String("generator", required: true, "a generator (" + string.Join(", ", SeriesGenerators.All.Keys) + ")") ?? "";
            var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
            SeriesGenerators.All.TryGetValue(generator, out var info);
            if (info is null && r.Has("generator"))
                Error($"{at}.generator", r.LineOfKey("generator"), $"unknown generator '{generator}'; expected one of {string.Join(", ", SeriesGenerators.All.Keys)}");
            foreach (var e in t.Entries)
            {
                if (e.Key is "name" or "generator") continue;
                string path = $"{at}.{e.Key}";
                Record(path, e.Line);
                if (info is null) continue;
                if (!info.Parameters.ContainsKey(e.Key))
                {
                    Error(path, e.Line, $"generator '{generator}' has no parameter '{e.Key}'; allowed: {(info.Parameters.Count == 0 ? "(none)" : string.Join(", ", info.Parameters.Keys))}");
                    continue;
                }
                if (QuantityOf(e.Value, SeriesGenerators.DimensionOf(e.Key), path, e.Line) is { } v) parameters[e.Key] = v;
            }
            seriesList.Add(new SeriesSpec(name, generator, parameters));
        }

        // Readouts.
        var readouts = new List<ReadoutSpec>();
        foreach (var (k, t) in top.Elements("readouts"))
        {
            string at = $"readouts[{k}]";
            var r = new TableReader(this, t, at);
            r.CheckKeys("name", "population", "target", "shift", "washout", "train", "method", "ridge", "alpha", "learning_rate", "learn_every", "feedback", "filter_tau", "free_running");
            string name = r.String("name", required: true, "a readout name") ?? "";
            string population = r.String("population", required: true, "the name of the population read out") ?? "";
            var (targetSeries, channel) = SeriesReference(r.String("target", required: true, "the name of a [[series]] entry, optionally with .channel") ?? "");
            var method = ReadoutMethod.Ridge;
            if (r.String("method", required: false, "ridge, lms, rls or force") is { } m)
            {
                switch (m)
                {
                    case "ridge": method = ReadoutMethod.Ridge; break;
                    case "lms": method = ReadoutMethod.Lms; break;
                    case "rls": method = ReadoutMethod.Rls; break;
                    case "force": method = ReadoutMethod.Force; break;
                    default: Error($"{at}.method", r.LineOfKey("method"), $"unknown method '{m}'; expected ridge, lms, rls or force"); break;
                }
            }
            var spec = new ReadoutSpec(name, population, targetSeries, channel)
            {
                Shift = (int)(r.Integer("shift", required: false, -1_000_000, 1_000_000, "an integer number of steps") ?? 0),
                Washout = r.Quantity("washout", Dimension.Time, required: false) ?? 0,
                Train = r.Quantity("train", Dimension.Time, required: true) ?? 0,
                Method = method,
                Ridge = r.Quantity("ridge", Dimension.Dimensionless, required: false) ?? 1e-6,
                Alpha = r.Quantity("alpha", Dimension.Dimensionless, required: false) ?? 1,
                LearningRate = r.Quantity("learning_rate", Dimension.Dimensionless, required: false) ?? 1e-3,
                LearnEvery = (int)(r.Integer("learn_every", required: false, int.MinValue, int.MaxValue, "an integer number of steps") ?? 1),
                Feedback = r.String("feedback", required: false, "the name of a rate_input population"),
                FilterTau = r.Quantity("filter_tau", Dimension.Time, required: false) ?? 20,
                FreeRunning = r.Bool("free_running") ?? true,
            };
            readouts.Add(spec);
        }

        return new NetworkSpec(sim, populations, projections, inputs, monitors) { Series = seriesList, Readouts = readouts };
    }

    /// <summary>"name" or "name.channel" of a series.</summary>
    private static (string Series, string Channel) SeriesReference(string text)
    {
        int dot = text.IndexOf('.');
        return dot < 0 ? (text, "value") : (text[..dot], text[(dot + 1)..]);
    }

    private static readonly Dictionary<string, string[]> ConnectorKeys = new(StringComparer.Ordinal)
    {
        ["all_to_all"] = [],
        ["one_to_one"] = [],
        ["fixed_probability"] = ["p"],
        ["distance"] = ["C", "lambda"],
        ["fixed_indegree"] = ["k", "allow_multapses"],
        ["fixed_outdegree"] = ["k", "allow_multapses"],
        ["fixed_total_number"] = ["n"],
        ["explicit"] = ["pre", "post"],
    };

    /// <summary>
    /// Reads <c>plasticity = { rule = "stdp", pairing = "all", tau_plus = "20 ms", w_max = "1 nS", ... }</c>:
    /// the rule's options are strings, its parameters quantities in their dimension (bounds and
    /// normalize_total in the receptor's weight unit). Null when absent or unreadable.
    /// </summary>
    private PlasticitySpec? ReadPlasticity(TableReader projection, string at, Dimension? weightDimension)
    {
        string path = $"{at}.plasticity";
        var entry = projection.Entry("plasticity");
        if (entry is null) return null;
        if (entry.Value is not TTable t)
        {
            Error(path, entry.Line, $"expected a table such as {{ rule = \"stdp\", tau_plus = \"20 ms\" }}, got {entry.Value.Describe()}");
            return null;
        }
        var r = new TableReader(this, t, path);
        string? name = r.String("rule", required: true, "a learning rule (" + string.Join(", ", Plasticity.PlasticityRegistry.Names) + ")");
        if (name is null) { Flag(path); return null; }
        if (!Plasticity.PlasticityRegistry.TryGet(name, out var rule))
        {
            Error($"{path}.rule", r.LineOfKey("rule"), $"unknown rule '{name}'; expected one of {string.Join(", ", Plasticity.PlasticityRegistry.Names)}");
            Flag(path);
            return null;
        }
        var parameters = Plasticity.PlasticityRegistry.ParametersOf(rule).ToList();
        r.CheckKeys(["rule", .. rule.Options.Select(o => o.Name), .. parameters.Select(p => p.Name)]);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in rule.Options)
        {
            if (r.String(o.Name, required: false, string.Join(" or ", o.Values.Select(v => $"\"{v}\""))) is not { } v) continue;
            if (o.Values.Contains(v)) options[o.Name] = v;
            else Error($"{path}.{o.Name}", r.LineOfKey(o.Name), $"unknown {o.Name} '{v}' for rule '{rule.Name}'; expected {string.Join(" or ", o.Values)}");
        }
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (!r.Has(p.Name)) continue;
            var dim = p.Dimension ?? weightDimension;
            if (r.Quantity(p.Name, dim, required: false) is { } v) values[p.Name] = v;
        }
        return new PlasticitySpec(rule.Name, values, options);
    }

    /// <summary>Reads <c>layout = { grid = [nx, ny, nz] }</c>; null when absent or unreadable.</summary>
    private GridLayout? ReadLayout(TableReader population, string at)
    {
        string path = $"{at}.layout";
        var entry = population.Entry("layout");
        if (entry is null) return null;
        const string expected = "a table such as { grid = [15, 3, 3] }";
        if (entry.Value is not TTable t)
        {
            Error(path, entry.Line, $"expected {expected}, got {entry.Value.Describe()}");
            return null;
        }
        var r = new TableReader(this, t, path);
        r.CheckKeys("grid");
        var grid = r.IntList("grid", required: true);
        if (grid is null) return null;
        if (grid.Count != 3)
        {
            Error($"{path}.grid", r.LineOfKey("grid"), $"expected three grid dimensions [nx, ny, nz], got {grid.Count}");
            return null;
        }
        return new GridLayout(grid[0], grid[1], grid[2]);
    }

    private ConnectorSpec ReadConnector(TableReader projection, string at)
    {
        string path = $"{at}.connector";
        var entry = projection.Entry("connector");
        if (entry is null)
        {
            Error(path, projection.Line, "required: a connector such as { kind = \"fixed_probability\", p = 0.02 }");
            return new AllToAllConnector();
        }
        string? kind;
        TableReader? r = null;
        switch (entry.Value)
        {
            case TScalar { Value: string s }:
                kind = s;
                Record($"{path}.kind", entry.Line);
                break;
            case TTable t:
                r = new TableReader(this, t, path);
                kind = r.String("kind", required: true, "a connector kind (" + string.Join(", ", ConnectorKeys.Keys) + ")");
                break;
            default:
                Error(path, entry.Line, $"expected a table such as {{ kind = \"fixed_probability\", p = 0.02 }}, got {entry.Value.Describe()}");
                return new AllToAllConnector();
        }
        if (kind is null) { Flag(path); return new AllToAllConnector(); }
        if (!ConnectorKeys.TryGetValue(kind, out var extra))
        {
            Error($"{path}.kind", LineOf($"{path}.kind"), $"unknown connector kind '{kind}'; expected one of {string.Join(", ", ConnectorKeys.Keys)}");
            Flag(path);
            return new AllToAllConnector();
        }
        if (r is null)
        {
            if (extra.Length > 0)
            {
                Error(path, entry.Line, $"connector '{kind}' needs {string.Join(" and ", extra.Where(x => x != "allow_multapses"))}: write {{ kind = \"{kind}\", ... }}");
                Flag(path);
            }
            return kind switch { "one_to_one" => new OneToOneConnector(), _ => new AllToAllConnector() };
        }
        r.CheckKeys(["kind", "allow_autapses", .. extra]);
        bool autapses = r.Bool("allow_autapses") ?? true;
        bool multapses = r.Bool("allow_multapses") ?? false;
        ConnectorSpec c = kind switch
        {
            "all_to_all" => new AllToAllConnector(),
            "one_to_one" => new OneToOneConnector(),
            "fixed_probability" => new FixedProbabilityConnector(r.Quantity("p", Dimension.Dimensionless, required: true) ?? 0),
            "distance" => new DistanceConnector(r.Quantity("C", Dimension.Dimensionless, required: true) ?? 0, r.Quantity("lambda", Dimension.Dimensionless, required: true) ?? 1),
            "fixed_indegree" => new FixedInDegreeConnector((int)(r.Integer("k", required: true, int.MinValue, int.MaxValue, "an integer number of synapses per post neuron") ?? 0), multapses),
            "fixed_outdegree" => new FixedOutDegreeConnector((int)(r.Integer("k", required: true, int.MinValue, int.MaxValue, "an integer number of synapses per pre neuron") ?? 0), multapses),
            "fixed_total_number" => new FixedTotalNumberConnector(r.Integer("n", required: true, long.MinValue, long.MaxValue, "an integer number of synapses") ?? 0),
            "explicit" => new ExplicitConnector(r.IntList("pre", required: true) ?? [], r.IntList("post", required: true) ?? []),
            _ => throw new InvalidOperationException(kind),
        };
        return c with { AllowAutapses = autapses };
    }

    // -------------------------------------------------------------------------------- variants

    private void ApplyVariant(TTable root, TableReader top, string? argument)
    {
        var variants = new Dictionary<string, (TTable Table, int Line)>(StringComparer.Ordinal);
        if (top.Table("variants", required: false, "a table of variants ([variants.NAME])") is { } vt)
            foreach (var e in vt.Entries)
            {
                if (e.Value is TTable t) variants[e.Key] = (t, e.Line);
                else Error($"variants.{e.Key}", e.Line, $"expected a table of overrides ([variants.{e.Key}]), got {e.Value.Describe()}");
            }
        string known = variants.Count == 0 ? "this file defines no variants" : "variants in this file: " + string.Join(", ", variants.Keys);

        string? chosen = null;
        int? chosenLine = null;
        if (top.String("variant", required: false, "the name of a variant defined under [variants]") is { } fileDefault)
        {
            chosen = fileDefault;
            chosenLine = top.LineOfKey("variant");
            if (!variants.ContainsKey(fileDefault) && argument is null)
                Error("variant", chosenLine, $"unknown variant '{fileDefault}'; {known}");
        }
        if (argument is not null)
        {
            chosen = argument;
            chosenLine = null;
            if (!variants.ContainsKey(argument)) Error("variant", null, $"unknown variant '{argument}'; {known}");
        }
        if (chosen is null || !variants.TryGetValue(chosen, out var variant)) return;

        var overrides = new List<(string Path, TNode Value, int Line)>();
        Flatten(variant.Table, "", overrides);
        foreach (var (path, value, line) in overrides)
            ApplyOverride(root, chosen, path, value, line);
    }

    private static void Flatten(TTable t, string prefix, List<(string, TNode, int)> into)
    {
        foreach (var e in t.Entries)
        {
            string path = prefix.Length == 0 ? e.Key : prefix + "." + e.Key;
            if (e.Value is TTable { Inline: false } sub) Flatten(sub, path, into);
            else into.Add((path, e.Value, e.Line));
        }
    }

    private void ApplyOverride(TTable root, string variant, string path, TNode value, int line)
    {
        string at = $"variants.{variant}.\"{path}\"";
        var parts = path.Split('.');
        string section = parts[0];
        const string form = "expected section.element.field, for example \"projections.ie.weight\", \"inputs.ext.rate\", \"populations.exc.parameters.tau_m\" or \"simulation.duration\"";
        TTable target;
        int rest;
        if (section == "simulation")
        {
            if (root.Find("simulation")?.Value is not TTable sim) { Error(at, line, "the file has no [simulation] table to override"); return; }
            target = sim;
            rest = 1;
        }
        else if (ArraySections.Contains(section))
        {
            if (parts.Length < 3) { Error(at, line, form); return; }
            var elements = root.Find(section)?.Value switch
            {
                TTableArray a => a.Tables,
                TArray a => a.Items.OfType<TTable>().ToList(),
                _ => [],
            };
            string element = parts[1];
            var found = elements.FirstOrDefault(t => t.Find("name")?.Value is TScalar { Value: string n } && n == element);
            if (found is null && int.TryParse(element, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < elements.Count)
                found = elements[index];
            if (found is null)
            {
                var names = elements.Select(t => t.Find("name")?.Value is TScalar { Value: string n } ? n : null).OfType<string>().ToList();
                Error(at, line, $"no element of {section} named '{element}'" + (names.Count > 0 ? $"; names: {string.Join(", ", names)}" : $"; the file has no {section}"));
                return;
            }
            target = found;
            rest = 2;
        }
        else
        {
            Error(at, line, $"unknown section '{section}'; {form}");
            return;
        }
        if (rest >= parts.Length) { Error(at, line, form); return; }
        for (int i = rest; i < parts.Length - 1; i++)
        {
            var e = target.Find(parts[i]);
            if (e is null)
            {
                var t = new TTable { Line = line };
                target.Entries.Add(new TEntry(parts[i], t, line));
                target = t;
            }
            else if (e.Value is TTable t) target = t;
            else { Error(at, line, $"'{parts[i]}' is {e.Value.Describe()}, not a table, so it has no field '{parts[i + 1]}'"); return; }
        }
        target.Set(parts[^1], value, line);
    }

    // -------------------------------------------------------------------------------- values

    internal static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Example(Dimension d) => d switch
    {
        Dimension.Time => "\"20 ms\"",
        Dimension.Voltage => "\"-50 mV\"",
        Dimension.Current => "\"0.5 nA\"",
        Dimension.Conductance => "\"6 nS\"",
        Dimension.Capacitance => "\"200 pF\"",
        Dimension.Resistance => "\"100 Mohm\"",
        Dimension.Frequency => "\"10 Hz\"",
        Dimension.Length => "\"10 um\"",
        _ => "0.5",
    };

    private static string Expectation(Dimension? d) => d switch
    {
        null => "a number, or a string with a unit",
        Dimension.Dimensionless => "a plain number",
        { } x => $"a {x.ToString().ToLowerInvariant()}: a number in {Quantity.BaseUnit(x)} or a string with a unit such as {Example(x)}",
    };

    /// <summary>
    /// Drops the last-bit noise of unit conversion ("15 nS" comes out of <see cref="Quantity.TryParse"/> as
    /// 15.000000000000002, "1620 uV" as 1.6199999999999999): a value written in a file has at most 15
    /// significant digits that mean anything.
    /// </summary>
    private static double Snap(double v)
        => double.IsFinite(v) ? double.Parse(v.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : v;

    /// <summary>Reads a quantity of dimension <paramref name="dim"/> (null: any dimension, when it cannot be known yet).</summary>
    public double? QuantityOf(TNode node, Dimension? dim, string path, int line)
    {
        switch (node)
        {
            case TScalar { Value: long l }: return l;
            case TScalar { Value: double d }: return d;
            case TScalar { Value: string s }:
                if (dim is { } dd)
                {
                    if (Quantity.TryParse(s, dd, out var v, out var err)) return Snap(v);
                    Error(path, line, err.Contains("does not start with a number") || err.Contains("not a known unit")
                        ? $"{err}; expected {Expectation(dim)}" : err);
                    return null;
                }
                foreach (var any in Enum.GetValues<Dimension>())
                    if (Quantity.TryParse(s, any, out var v2, out _)) return Snap(v2);
                Error(path, line, $"'{s}' is not a number with a known unit; expected {Expectation(dim)}");
                return null;
            default:
                Error(path, line, $"expected {Expectation(dim)}, got {node.Describe()}");
                return null;
        }
    }

    /// <summary>Reads a per-element value: a quantity, { uniform = [low, high] } or { normal = [mean, sd] }.</summary>
    public ValueSpec? ValueOf(TNode node, Dimension? dim, string path, int line)
    {
        if (node is TScalar)
            return QuantityOf(node, dim, path, line) is { } c ? new ConstantValue(c) : null;
        string expected = $"expected {Expectation(dim)}, {{ uniform = [low, high] }}, {{ normal = [mean, sd] }} (optionally with min = ..., max = ...) or {{ gamma = [mean, sd] }}";
        // { normal = [..], min = .., max = .. } in any order (TOML itself refuses a key given twice).
        if (node is TTable nt && nt.Entries.Count is 2 or 3 && nt.Entries.Count(b => b.Key == "normal") == 1
            && nt.Entries.All(b => b.Key is "normal" or "min" or "max"))
            return TruncatedNormalOf(nt, dim, path);
        if (node is not TTable t || t.Entries.Count != 1 || t.Entries[0].Key is not ("uniform" or "normal" or "gamma"))
        {
            string got = node is TTable tt && tt.Entries.Count > 0 ? $"a table with keys {string.Join(", ", tt.Entries.Select(e => e.Key))}" : node.Describe();
            Error(path, line, $"{expected}; got {got}");
            return null;
        }
        var e = t.Entries[0];
        if (e.Value is not TArray { Items.Count: 2 } a)
        {
            Error(path, e.Line, $"{e.Key} takes two values: {(e.Key == "uniform" ? "[low, high]" : "[mean, sd]")}; got {e.Value.Describe()}");
            return null;
        }
        var x = QuantityOf(a.Items[0], dim, path, a.Items[0].Line);
        var y = QuantityOf(a.Items[1], dim, path, a.Items[1].Line);
        if (x is null || y is null) return null;
        return e.Key switch
        {
            "uniform" => new UniformValue(x.Value, y.Value),
            "gamma" => new GammaValue(x.Value, y.Value),
            _ => new NormalValue(x.Value, y.Value),
        };
    }

    /// <summary>{ normal = [mean, sd], min = ..., max = ... }: a normal redrawn outside [min, max].</summary>
    private ValueSpec? TruncatedNormalOf(TTable t, Dimension? dim, string path)
    {
        var only = new TTable { Inline = true, Line = t.Line };
        only.Entries.Add(t.Entries.Single(b => b.Key == "normal"));
        if (ValueOf(only, dim, path, t.Line) is not NormalValue n) return null;
        foreach (var b in t.Entries.Where(b => b.Key != "normal"))
        {
            if (QuantityOf(b.Value, dim, $"{path}.{b.Key}", b.Line) is not { } v) return null;
            n = b.Key == "min" ? n with { Low = v } : n with { High = v };
        }
        return n;
    }
}

/// <summary>Typed access to the keys of one table, recording lines and reporting errors under a path.</summary>
internal sealed class TableReader(SpecReader ctx, TTable table, string path)
{
    public int Line => table.Line;

    private string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public void CheckKeys(params string[] allowed)
    {
        foreach (var e in table.Entries)
            if (!allowed.Contains(e.Key))
                ctx.Error(PathOf(e.Key), e.Line, $"unknown key '{e.Key}'; allowed keys here: {string.Join(", ", allowed)}");
    }

    public bool Has(string key) => table.Find(key) is not null;

    public int? LineOfKey(string key) => table.Find(key)?.Line;

    /// <summary>The entry for <paramref name="key"/>, with its line recorded; null when absent.</summary>
    public TEntry? Entry(string key)
    {
        var e = table.Find(key);
        if (e is not null) ctx.Record(PathOf(key), e.Line);
        return e;
    }

    private TEntry? Get(string key, bool required, string expected)
    {
        var e = Entry(key);
        if (e is null && required) ctx.Error(PathOf(key), table.Line, $"required: {expected}");
        return e;
    }

    private void TypeError(TEntry e, string expected)
        => ctx.Error(PathOf(e.Key), e.Line, $"expected {expected}, got {e.Value.Describe()}");

    public string? String(string key, bool required, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        if (e.Value is TScalar { Value: string s }) return s;
        TypeError(e, $"a string: {expected}");
        return null;
    }

    public bool? Bool(string key)
    {
        if (Get(key, false, "") is not { } e) return null;
        if (e.Value is TScalar { Value: bool b }) return b;
        TypeError(e, "true or false");
        return null;
    }

    public long? Integer(string key, bool required, long min, long max, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        long v;
        switch (e.Value)
        {
            case TScalar { Value: long l }: v = l; break;
            case TScalar { Value: double d } when d == Math.Floor(d) && Math.Abs(d) < 9e15: v = (long)d; break;
            default: TypeError(e, expected); return null;
        }
        if (v < min || v > max)
        {
            ctx.Error(PathOf(key), e.Line, v < min && min == 0 ? $"expected {expected}, got {v}" : $"{v} is out of range; expected {expected}");
            return null;
        }
        return v;
    }

    public TTable? Table(string key, bool required, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        if (e.Value is TTable t) return t;
        TypeError(e, expected);
        return null;
    }

    /// <summary>The tables of an array-of-tables section ([[key]] or key = [{...}, ...]), with their index.</summary>
    public IEnumerable<(int Index, TTable Table)> Elements(string key)
    {
        var e = Entry(key);
        if (e is null) yield break;
        List<TTable>? tables = e.Value switch
        {
            TTableArray a => a.Tables,
            TArray a when a.Items.All(x => x is TTable) => a.Items.Cast<TTable>().ToList(),
            _ => null,
        };
        if (tables is null)
        {
            TypeError(e, $"an array of tables, written [[{key}]]");
            yield break;
        }
        for (int k = 0; k < tables.Count; k++)
        {
            ctx.Record($"{PathOf(key)}[{k}]", tables[k].Line);
            yield return (k, tables[k]);
        }
    }

    public double? Quantity(string key, Dimension? dim, bool required)
    {
        if (Get(key, required, dim is { } d ? $"a quantity in {Units.Quantity.BaseUnit(d)}" : "a number") is not { } e) return null;
        return ctx.QuantityOf(e.Value, dim, PathOf(key), e.Line);
    }

    public ValueSpec? Value(string key, Dimension? dim, bool required)
    {
        if (Get(key, required, "a value, { uniform = [low, high] } or { normal = [mean, sd] }") is not { } e) return null;
        return ctx.ValueOf(e.Value, dim, PathOf(key), e.Line);
    }

    private TArray? Array(string key, bool required, string expected)
    {
        if (Get(key, required, expected) is not { } e) return null;
        if (e.Value is TArray a) return a;
        TypeError(e, expected);
        return null;
    }

    public IReadOnlyList<int>? IntList(string key, bool required)
    {
        const string expected = "an array of neuron indices such as [0, 1, 2]";
        if (Array(key, required, expected) is not { } a) return null;
        var list = new List<int>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is TScalar { Value: long l } && l >= int.MinValue && l <= int.MaxValue) list.Add((int)l);
            else { ctx.Error(PathOf(key), item.Line, $"expected {expected}; entry {list.Count} is {item.Describe()}"); return null; }
        }
        return list;
    }

    public IReadOnlyList<double>? QuantityList(string key, Dimension dim, bool required)
    {
        if (Array(key, required, $"an array of quantities in {Units.Quantity.BaseUnit(dim)}") is not { } a) return null;
        var list = new List<double>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (ctx.QuantityOf(item, dim, PathOf(key), item.Line) is { } v) list.Add(v);
            else return null;
        }
        return list;
    }

    /// <summary>An array of arrays of quantities, such as spike_times = [[10, 20], ["15 ms"], []].</summary>
    public IReadOnlyList<IReadOnlyList<double>>? QuantityLists(string key, Dimension dim, bool required)
    {
        string expected = $"an array of arrays of quantities in {Units.Quantity.BaseUnit(dim)}, one per unit, such as [[10, 20], [15]]";
        if (Array(key, required, expected) is not { } a) return null;
        var lists = new List<IReadOnlyList<double>>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is not TArray inner) { ctx.Error(PathOf(key), item.Line, $"expected {expected}; entry {lists.Count} is {item.Describe()}"); return null; }
            var list = new List<double>(inner.Items.Count);
            foreach (var x in inner.Items)
            {
                if (ctx.QuantityOf(x, dim, PathOf(key), x.Line) is { } v) list.Add(v);
                else return null;
            }
            lists.Add(list);
        }
        return lists;
    }

    public IReadOnlyList<string>? StringList(string key, bool required)
    {
        const string expected = "an array of names such as [\"v\"]";
        if (Array(key, required, expected) is not { } a) return null;
        var list = new List<string>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is TScalar { Value: string s }) list.Add(s);
            else { ctx.Error(PathOf(key), item.Line, $"expected {expected}; entry {list.Count} is {item.Describe()}"); return null; }
        }
        return list;
    }
}
