using System.Globalization;
using System.Text.RegularExpressions;
using Spiking.IO.Toml;
using Spiking.Description;
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
            return File.Exists(path) && Declares(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist", path);
        var spec = Parse(File.ReadAllText(path), path);
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
        var errors = new List<ValidationError>();
        var root = TomlTree.Build(doc, errors);
        if (errors.Count > 0) throw new SpecException(errors, sourceName);

        var r = new Reader(errors);
        foreach (var e in root.Entries)
            if (e.Key != "bgrnn")
                r.Error(e.Key, e.Line, $"unknown key '{e.Key}'; a bgG-RNN model file has only the [bgrnn] table (with [bgrnn.stimuli], [bgrnn.movie], [bgrnn.selectivity])");
        var bg = r.Table(root, "bgrnn", "") ?? new TTable { Line = 1 };
        var t = new BgRnnTrainingOptions();
        var s = new MotionStimulusOptions();
        ulong seed = r.UInt(bg, "bgrnn", "seed", t.Seed);
        t = t with
        {
            Units = r.Int(bg, "bgrnn", "units", t.Units, 1, 1 << 14),
            TauX = r.Double(bg, "bgrnn", "tau_x", t.TauX, 0, exclusiveMin: true),
            TauY = r.Double(bg, "bgrnn", "tau_y", t.TauY, 0, exclusiveMin: true),
            FeatureNorm = r.Double(bg, "bgrnn", "feature_norm", t.FeatureNorm, 0, exclusiveMin: true),
            LearningRateW = r.Double(bg, "bgrnn", "learning_rate_w", t.LearningRateW, 0),
            LearningRateR = r.Double(bg, "bgrnn", "learning_rate_r", t.LearningRateR, 0),
            LearningRateB = r.Double(bg, "bgrnn", "learning_rate_b", t.LearningRateB, 0),
            InitialBias = r.Double(bg, "bgrnn", "initial_bias", t.InitialBias, double.NegativeInfinity),
            LearnRecurrent = r.Bool(bg, "bgrnn", "learn_recurrent", t.LearnRecurrent),
            TrainSequences = r.Int(bg, "bgrnn", "train_sequences", t.TrainSequences, 0, int.MaxValue),
            BatchSequences = r.Int(bg, "bgrnn", "batch_sequences", t.BatchSequences, 1, int.MaxValue),
            Checkpoints = r.Int(bg, "bgrnn", "checkpoints", t.Checkpoints, 0, 1000),
            HeldOutSequences = r.Int(bg, "bgrnn", "held_out_sequences", t.HeldOutSequences, 1, 1_000_000),
            NonNegativeAmplitudes = r.Bool(bg, "bgrnn", "non_negative", t.NonNegativeAmplitudes),
            FeatureCopies = r.Int(bg, "bgrnn", "feature_copies", t.FeatureCopies, 1, 1 << 14),
            Seed = seed,
        };
        if (t.Units % t.FeatureCopies != 0)
            r.Error("bgrnn.feature_copies", bg.Find("feature_copies")?.Line ?? bg.Line, $"expected a divisor of units ({t.Units}), got {t.FeatureCopies}");
        ulong stimulusSeed = r.UInt(bg, "bgrnn", "stimulus_seed", seed);
        ulong heldOutSeed = r.UInt(bg, "bgrnn", "held_out_seed", seed + 1_000_003);
        bool baseline = r.Bool(bg, "bgrnn", "baseline", false);

        var st = r.Table(bg, "stimuli", "bgrnn");
        if (st is not null)
        {
            const string p = "bgrnn.stimuli";
            s = s with
            {
                Size = r.Int(st, p, "size", s.Size, 2, 1024),
                Frames = r.Int(st, p, "frames", s.Frames, 1, 100_000),
                Directions = r.Int(st, p, "directions", s.Directions, 2, 360),
                Speeds = r.Doubles(st, p, "speeds", s.Speeds, 0),
                Kinds = r.Kinds(st, p, "kinds", s.Kinds),
                Contrast = r.Double(st, p, "contrast", s.Contrast, 0, exclusiveMin: true),
                NoiseSd = r.Double(st, p, "noise_sd", s.NoiseSd, 0),
                GratingPeriod = r.Double(st, p, "grating_period", s.GratingPeriod, 0, exclusiveMin: true),
                BarWidth = r.Double(st, p, "bar_width", s.BarWidth, 0, exclusiveMin: true),
                DotCount = r.Int(st, p, "dot_count", s.DotCount, 1, 10_000),
                DotSigma = r.Double(st, p, "dot_sigma", s.DotSigma, 0, exclusiveMin: true),
                MixedPolarity = r.Bool(st, p, "mixed_polarity", s.MixedPolarity),
            };
            r.CheckKeys(st, p);
        }

        string? movieFile = null, movieDataset = "/movie";
        var mv = r.Table(bg, "movie", "bgrnn");
        if (mv is not null)
        {
            movieFile = r.String(mv, "bgrnn.movie", "file", null, "the path of an HDF5 movie file");
            if (movieFile is null && mv.Find("file") is null) r.Error("bgrnn.movie.file", mv.Line, "required: the path of an HDF5 file holding a [T, H, W] movie");
            movieDataset = r.String(mv, "bgrnn.movie", "dataset", "/movie", "the path of the [T, H, W] dataset in the file") ?? "/movie";
            r.CheckKeys(mv, "bgrnn.movie");
        }

        double dsiSpeed = 1, dsiThreshold = 0.3;
        int dsiSequences = 16;
        var sel = r.Table(bg, "selectivity", "bgrnn");
        if (sel is not null)
        {
            const string p = "bgrnn.selectivity";
            dsiSpeed = r.Double(sel, p, "speed", dsiSpeed, 0, exclusiveMin: true);
            dsiSequences = r.Int(sel, p, "sequences", dsiSequences, 1, 100_000);
            dsiThreshold = r.Double(sel, p, "threshold", dsiThreshold, 0);
            if (dsiThreshold > 1) r.Error($"{p}.threshold", sel.Find("threshold")?.Line ?? sel.Line, $"expected a DSI threshold in [0, 1], got {Fmt(dsiThreshold)}");
            r.CheckKeys(sel, p);
        }
        r.CheckKeys(bg, "bgrnn");
        if (s.Directions % 2 != 0)
            r.Error("bgrnn.stimuli.directions", st?.Find("directions")?.Line ?? st?.Line, $"expected an even number of directions (the DSI compares opposite ones), got {s.Directions}");

        if (errors.Count > 0) throw new SpecException(errors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);
        return new BgRnnRunSpec(t, s, stimulusSeed, heldOutSeed, movieFile, movieDataset, dsiSpeed, dsiSequences, dsiThreshold, baseline)
        {
            SourceText = text,
            SourceName = sourceName,
        };
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Typed access to the tree, recording every error and the keys each table used.</summary>
    private sealed class Reader(List<ValidationError> errors)
    {
        private readonly Dictionary<TTable, HashSet<string>> _used = new(ReferenceEqualityComparer.Instance);

        public void Error(string path, int? line, string message) => errors.Add(new ValidationError(path, message) { Line = line });

        private TEntry? Use(TTable t, string key)
        {
            if (!_used.TryGetValue(t, out var set)) _used[t] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(key);
            return t.Find(key);
        }

        public void CheckKeys(TTable t, string path)
        {
            var used = _used.GetValueOrDefault(t) ?? [];
            foreach (var e in t.Entries)
                if (!used.Contains(e.Key))
                    Error($"{path}.{e.Key}", e.Line, $"unknown key '{e.Key}'; allowed keys here: {string.Join(", ", used.Order(StringComparer.Ordinal))}");
        }

        public TTable? Table(TTable parent, string key, string parentPath)
        {
            var e = Use(parent, key);
            if (e is null) return null;
            if (e.Value is TTable t) return t;
            Error(parentPath.Length == 0 ? key : $"{parentPath}.{key}", e.Line, $"expected a table, got {e.Value.Describe()}");
            return null;
        }

        public int Int(TTable t, string path, string key, int fallback, int min, int max)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            string expected = max == int.MaxValue ? $"an integer >= {min}" : $"an integer in [{min}, {max}]";
            if (e.Value is not TScalar { Value: long v }) { Error($"{path}.{key}", e.Line, $"expected {expected}, got {e.Value.Describe()}"); return fallback; }
            if (v < min || v > max) { Error($"{path}.{key}", e.Line, $"expected {expected}, got {v}"); return fallback; }
            return (int)v;
        }

        public ulong UInt(TTable t, string path, string key, ulong fallback)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            if (e.Value is not TScalar { Value: long v }) { Error($"{path}.{key}", e.Line, $"expected an integer >= 0, got {e.Value.Describe()}"); return fallback; }
            if (v < 0) { Error($"{path}.{key}", e.Line, $"expected an integer >= 0, got {v}"); return fallback; }
            return (ulong)v;
        }

        public double Double(TTable t, string path, string key, double fallback, double min, bool exclusiveMin = false)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            string expected = double.IsNegativeInfinity(min) ? "a finite number" : exclusiveMin ? $"a number > {Fmt(min)}" : $"a number >= {Fmt(min)}";
            double? v = e.Value switch { TScalar { Value: long l } => l, TScalar { Value: double d } => d, _ => null };
            if (v is null) { Error($"{path}.{key}", e.Line, $"expected {expected}, got {e.Value.Describe()}"); return fallback; }
            if (!double.IsFinite(v.Value) || v < min || (exclusiveMin && v == min)) { Error($"{path}.{key}", e.Line, $"expected {expected}, got {Fmt(v.Value)}"); return fallback; }
            return v.Value;
        }

        public bool Bool(TTable t, string path, string key, bool fallback)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            if (e.Value is TScalar { Value: bool b }) return b;
            Error($"{path}.{key}", e.Line, $"expected true or false, got {e.Value.Describe()}");
            return fallback;
        }

        public string? String(TTable t, string path, string key, string? fallback, string expected)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            if (e.Value is TScalar { Value: string s } && s.Length > 0) return s;
            Error($"{path}.{key}", e.Line, $"expected a non-empty string, {expected}, got {e.Value.Describe()}");
            return fallback;
        }

        public IReadOnlyList<double> Doubles(TTable t, string path, string key, IReadOnlyList<double> fallback, double min)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            string expected = $"a non-empty array of numbers >= {Fmt(min)}";
            if (e.Value is not TArray a || a.Items.Count == 0) { Error($"{path}.{key}", e.Line, $"expected {expected}, got {e.Value.Describe()}"); return fallback; }
            var result = new List<double>();
            foreach (var item in a.Items)
            {
                double? v = item switch { TScalar { Value: long l } => l, TScalar { Value: double d } => d, _ => null };
                if (v is null || !double.IsFinite(v.Value) || v < min)
                {
                    Error($"{path}.{key}", item.Line, $"expected {expected}, got an element {(v is null ? item.Describe() : Fmt(v.Value))}");
                    return fallback;
                }
                result.Add(v.Value);
            }
            return result;
        }

        public IReadOnlyList<MotionStimulusKind> Kinds(TTable t, string path, string key, IReadOnlyList<MotionStimulusKind> fallback)
        {
            var e = Use(t, key);
            if (e is null) return fallback;
            const string expected = "a non-empty array of \"bar\", \"grating\", \"dots\"";
            if (e.Value is not TArray a || a.Items.Count == 0) { Error($"{path}.{key}", e.Line, $"expected {expected}, got {e.Value.Describe()}"); return fallback; }
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
                if (kind is null) { Error($"{path}.{key}", item.Line, $"expected {expected}, got an element {item.Describe()}"); return fallback; }
                result.Add(kind.Value);
            }
            return result;
        }
    }
}
