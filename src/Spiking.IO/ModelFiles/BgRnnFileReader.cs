using System.Text.RegularExpressions;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Description;
using Spiking.IO.Toml;
using Spiking.Motion;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Spiking.IO.ModelFiles;

/// <summary>
/// Reads a bgG-RNN model file: a TOML file whose only top-level table is <c>[bgrnn]</c> (see
/// models/bgrnn-motion.toml). Every problem (TOML syntax, unknown key, wrong type, value out of range)
/// is collected and reported in one <see cref="SpecException"/>, each error naming the line, the field
/// (as <c>bgrnn.stimuli.size</c>) and what was expected, like <see cref="ModelFileReader"/>.
/// </summary>
/// <remarks>
/// <code>
/// [bgrnn]              units, tau_x, tau_y, feature_norm, learning_rate_w, learning_rate_r, learning_rate_b,
///                      initial_bias, learn_recurrent, train_sequences, batch_sequences, checkpoints,
///                      held_out_sequences, seed, stimulus_seed, held_out_seed, baseline,
///                      non_negative (x ≥ 0, half-normal prior), feature_copies (tied copies per feature)
/// [bgrnn.stimuli]      size, frames, directions, speeds, kinds ("bar", "grating", "dots"), contrast, noise_sd,
///                      grating_period, bar_width, dot_count, dot_sigma, mixed_polarity
/// [bgrnn.movie]        file (relative to the model file), dataset (default "/movie")
/// [bgrnn.selectivity]  speed, sequences, threshold
/// </code>
/// Every key is optional; defaults are those of <see cref="BgRnnTrainingOptions"/> and <see cref="MotionStimulusOptions"/>.
/// </remarks>
public static partial class BgRnnFileReader
{
    [GeneratedRegex(@"^\s*\[\s*bgrnn\s*[\].]", RegexOptions.Multiline)]
    private static partial Regex BgRnnHeader();

    /// <summary>Whether <paramref name="text"/> declares a <c>[bgrnn]</c> table (then it is a bgG-RNN model file, not a network).</summary>
    public static bool Declares(string text) => BgRnnHeader().IsMatch(text);

    /// <summary>Whether the file at <paramref name="path"/> exists and declares a <c>[bgrnn]</c> table.</summary>
    public static bool DeclaresFile(string path)
    {
        try
        {
            return File.Exists(path) && Declares(ModelText.Read(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SpecException)
        {
            return false;
        }
    }

    /// <summary>Reads the bgG-RNN model file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SpecException">The file is not valid; every problem is listed with its line.</exception>
    public static BgRnnRunSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var spec = Parse(ModelText.Read(path), path);
        // A relative movie path is relative to the model file.
        if (spec.MovieFile is { } movie && !Path.IsPathRooted(movie))
            spec = spec with { MovieFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", movie) };
        return spec;
    }

    /// <summary>Parses bgG-RNN model-file text; <paramref name="sourceName"/> names it in messages.</summary>
    public static BgRnnRunSpec Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var doc = SyntaxParser.Parse(text, sourceName, validate: false);
        if (doc.HasErrors)
        {
            var syntax = doc.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error)
                .Select(d => new ValidationError("toml", "syntax error: " + d.Message) { Line = d.Span.Start.Line + 1 }).ToList();
            throw new SpecException(syntax, sourceName);
        }
        var tomlErrors = new List<ValidationError>();
        var root = TomlTree.Build(doc, tomlErrors);
        if (tomlErrors.Count > 0) throw new SpecException(tomlErrors, sourceName);

        var ctx = new ReadContext();
        foreach (var e in root.Entries)
            if (e.Key != "bgrnn")
                ctx.Error(e.Key, e.Line, $"unknown key '{e.Key}'; a bgG-RNN model file has only the [bgrnn] table (with [bgrnn.stimuli], [bgrnn.movie], [bgrnn.selectivity])");
        var bg = new Fields(ctx, root, "").Table("bgrnn") ?? new Fields(ctx, new TTable { Line = 1 }, "bgrnn");
        var t = ReadTraining(ctx, bg);
        ulong stimulusSeed = bg.UInt("stimulus_seed", t.Seed);
        ulong heldOutSeed = bg.UInt("held_out_seed", t.Seed + 1_000_003);
        bool baseline = bg.Bool("baseline", false);
        var (s, stimuli) = ReadStimuli(bg);
        var (movieFile, movieDataset) = ReadMovie(ctx, bg);
        var (dsiSpeed, dsiSequences, dsiThreshold) = ReadSelectivity(ctx, bg);
        bg.CheckKeys();
        if (s.Directions % 2 != 0)
            ctx.Error("bgrnn.stimuli.directions", stimuli?.LineOfKey("directions") ?? stimuli?.Line, $"expected an even number of directions (the DSI compares opposite ones), got {s.Directions}");

        if (ctx.Errors.Count > 0) throw new SpecException(ctx.Errors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);
        return new BgRnnRunSpec(t, s, stimulusSeed, heldOutSeed, movieFile, movieDataset, dsiSpeed, dsiSequences, dsiThreshold, baseline)
        {
            SourceText = text,
            SourceName = sourceName,
        };
    }

    /// <summary>The training options in <c>[bgrnn]</c>; seed is read first as the other seeds default to it.</summary>
    private static BgRnnTrainingOptions ReadTraining(ReadContext ctx, Fields bg)
    {
        var t = new BgRnnTrainingOptions();
        ulong seed = bg.UInt("seed", t.Seed);
        t = t with
        {
            Units = bg.Int("units", t.Units, 1, 1 << 14),
            TauX = bg.Double("tau_x", t.TauX, 0, exclusiveMin: true),
            TauY = bg.Double("tau_y", t.TauY, 0, exclusiveMin: true),
            FeatureNorm = bg.Double("feature_norm", t.FeatureNorm, 0, exclusiveMin: true),
            LearningRateW = bg.Double("learning_rate_w", t.LearningRateW, 0),
            LearningRateR = bg.Double("learning_rate_r", t.LearningRateR, 0),
            LearningRateB = bg.Double("learning_rate_b", t.LearningRateB, 0),
            InitialBias = bg.Double("initial_bias", t.InitialBias, double.NegativeInfinity),
            LearnRecurrent = bg.Bool("learn_recurrent", t.LearnRecurrent),
            TrainSequences = bg.Int("train_sequences", t.TrainSequences, 0, int.MaxValue),
            BatchSequences = bg.Int("batch_sequences", t.BatchSequences, 1, int.MaxValue),
            Checkpoints = bg.Int("checkpoints", t.Checkpoints, 0, 1000),
            HeldOutSequences = bg.Int("held_out_sequences", t.HeldOutSequences, 1, 1_000_000),
            NonNegativeAmplitudes = bg.Bool("non_negative", t.NonNegativeAmplitudes),
            FeatureCopies = bg.Int("feature_copies", t.FeatureCopies, 1, 1 << 14),
            Seed = seed,
        };
        if (t.Units % t.FeatureCopies != 0)
            ctx.Error("bgrnn.feature_copies", bg.LineOfKey("feature_copies") ?? bg.Line, $"expected a divisor of units ({t.Units}), got {t.FeatureCopies}");
        return t;
    }

    /// <summary>The stimulus options in <c>[bgrnn.stimuli]</c>, and that table (null when absent) for the lines of later checks.</summary>
    private static (MotionStimulusOptions Options, Fields? Table) ReadStimuli(Fields bg)
    {
        var s = new MotionStimulusOptions();
        var st = bg.Table("stimuli");
        if (st is null) return (s, null);
        s = s with
        {
            Size = st.Int("size", s.Size, 2, 1024),
            Frames = st.Int("frames", s.Frames, 1, 100_000),
            Directions = st.Int("directions", s.Directions, 2, 360),
            Speeds = st.Doubles("speeds", s.Speeds, 0),
            Kinds = st.Kinds("kinds", s.Kinds),
            Contrast = st.Double("contrast", s.Contrast, 0, exclusiveMin: true),
            NoiseSd = st.Double("noise_sd", s.NoiseSd, 0),
            GratingPeriod = st.Double("grating_period", s.GratingPeriod, 0, exclusiveMin: true),
            BarWidth = st.Double("bar_width", s.BarWidth, 0, exclusiveMin: true),
            DotCount = st.Int("dot_count", s.DotCount, 1, 10_000),
            DotSigma = st.Double("dot_sigma", s.DotSigma, 0, exclusiveMin: true),
            MixedPolarity = st.Bool("mixed_polarity", s.MixedPolarity),
        };
        st.CheckKeys();
        return (s, st);
    }

    /// <summary><c>[bgrnn.movie]</c>: the movie file (required there) and its dataset; no file when the table is absent.</summary>
    private static (string? File, string Dataset) ReadMovie(ReadContext ctx, Fields bg)
    {
        var mv = bg.Table("movie");
        if (mv is null) return (null, "/movie");
        string? file = mv.String("file", null, "the path of an HDF5 movie file");
        if (file is null && !mv.Has("file")) ctx.Error("bgrnn.movie.file", mv.Line, "required: the path of an HDF5 file holding a [T, H, W] movie");
        string dataset = mv.String("dataset", "/movie", "the path of the [T, H, W] dataset in the file") ?? "/movie";
        mv.CheckKeys();
        return (file, dataset);
    }

    /// <summary><c>[bgrnn.selectivity]</c>: how direction selectivity is measured (speed, sequences, DSI threshold).</summary>
    private static (double Speed, int Sequences, double Threshold) ReadSelectivity(ReadContext ctx, Fields bg)
    {
        double speed = 1, threshold = 0.3;
        int sequences = 16;
        var sel = bg.Table("selectivity");
        if (sel is null) return (speed, sequences, threshold);
        const string p = "bgrnn.selectivity";
        speed = sel.Double("speed", speed, 0, exclusiveMin: true);
        sequences = sel.Int("sequences", sequences, 1, 100_000);
        threshold = sel.Double("threshold", threshold, 0);
        if (threshold > 1) ctx.Error($"{p}.threshold", sel.LineOfKey("threshold") ?? sel.Line, $"expected a DSI threshold in [0, 1], got {NumberText.Of(threshold)}");
        sel.CheckKeys();
        return (speed, sequences, threshold);
    }

    /// <summary>
    /// The keys of one table of the file, each optional with a default and, for numbers, a range;
    /// built on <see cref="TableReader"/>. The keys asked for are the keys allowed: <see cref="CheckKeys"/>
    /// reports any other.
    /// </summary>
    private sealed class Fields
    {
        private readonly ReadContext _ctx;
        private readonly string _path;
        private readonly TableReader _r;
        private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

        public Fields(ReadContext ctx, TTable table, string path)
        {
            _ctx = ctx;
            _path = path;
            _r = new TableReader(ctx, table, path);
        }

        public int Line => _r.Line;

        public int? LineOfKey(string key) => _r.LineOfKey(key);

        public bool Has(string key) => _r.Has(key);

        private TEntry? Use(string key)
        {
            _asked.Add(key);
            return _r.Entry(key);
        }

        public void CheckKeys() => _r.CheckKeys([.. _asked.Order(StringComparer.Ordinal)]);

        public Fields? Table(string key)
        {
            _asked.Add(key);
            return _r.Table(key, required: false, "a table") is { } t ? new Fields(_ctx, t, _path.Length == 0 ? key : $"{_path}.{key}") : null;
        }

        public int Int(string key, int fallback, int min, int max)
        {
            var e = Use(key);
            if (e is null) return fallback;
            string expected = max == int.MaxValue ? $"an integer >= {min}" : $"an integer in [{min}, {max}]";
            if (e.Value is not TScalar { Value: long v }) { _r.TypeError(e, expected); return fallback; }
            if (v < min || v > max) { _r.Expected(key, e.Line, expected, $"{v}"); return fallback; }
            return (int)v;
        }

        public ulong UInt(string key, ulong fallback)
        {
            var e = Use(key);
            if (e is null) return fallback;
            if (e.Value is not TScalar { Value: long v }) { _r.TypeError(e, "an integer >= 0"); return fallback; }
            if (v < 0) { _r.Expected(key, e.Line, "an integer >= 0", $"{v}"); return fallback; }
            return (ulong)v;
        }

        public double Double(string key, double fallback, double min, bool exclusiveMin = false)
        {
            var e = Use(key);
            if (e is null) return fallback;
            string expected = double.IsNegativeInfinity(min) ? "a finite number" : exclusiveMin ? $"a number > {NumberText.Of(min)}" : $"a number >= {NumberText.Of(min)}";
            double? v = e.Value.AsNumber();
            if (v is null) { _r.TypeError(e, expected); return fallback; }
            if (!double.IsFinite(v.Value) || v < min || (exclusiveMin && v == min)) { _r.Expected(key, e.Line, expected, NumberText.Of(v.Value)); return fallback; }
            return v.Value;
        }

        public bool Bool(string key, bool fallback)
        {
            _asked.Add(key);
            return _r.Bool(key) ?? fallback;
        }

        public string? String(string key, string? fallback, string expected)
        {
            var e = Use(key);
            if (e is null) return fallback;
            if (e.Value is TScalar { Value: string s } && s.Length > 0) return s;
            _r.TypeError(e, $"a non-empty string, {expected}");
            return fallback;
        }

        public IReadOnlyList<double> Doubles(string key, IReadOnlyList<double> fallback, double min)
        {
            var e = Use(key);
            if (e is null) return fallback;
            string expected = $"a non-empty array of numbers >= {NumberText.Of(min)}";
            if (e.Value is not TArray a || a.Items.Count == 0) { _r.TypeError(e, expected); return fallback; }
            var result = new List<double>();
            foreach (var item in a.Items)
            {
                double? v = item.AsNumber();
                if (v is null || !double.IsFinite(v.Value) || v < min)
                {
                    _r.Expected(key, item.Line, expected, $"an element {(v is null ? item.Describe() : NumberText.Of(v.Value))}");
                    return fallback;
                }
                result.Add(v.Value);
            }
            return result;
        }

        public IReadOnlyList<MotionStimulusKind> Kinds(string key, IReadOnlyList<MotionStimulusKind> fallback)
        {
            var e = Use(key);
            if (e is null) return fallback;
            const string expected = "a non-empty array of \"bar\", \"grating\", \"dots\"";
            if (e.Value is not TArray a || a.Items.Count == 0) { _r.TypeError(e, expected); return fallback; }
            var result = new List<MotionStimulusKind>();
            foreach (var item in a.Items)
            {
                MotionStimulusKind? kind = item is TScalar { Value: string s } ? s switch
                {
                    "bar" => MotionStimulusKind.Bar,
                    "grating" => MotionStimulusKind.Grating,
                    "dots" => MotionStimulusKind.Dots,
                    _ => null,
                } : null;
                if (kind is null) { _r.Expected(key, item.Line, expected, $"an element {item.Describe()}"); return fallback; }
                result.Add(kind.Value);
            }
            return result;
        }
    }
}
