using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PureHDF;
using Spiking.Tests.Core;

namespace Spiking.Tests.Cli.Broken;

/// <summary>
/// Every broken input: the hand-written model files of tests/broken/models (each says what its message
/// must name in a first line <c># expect: a | b | line N</c>), the argument lists of
/// tests/broken/arguments.jsonl, files that are not model files at all (HDF5 outputs, saved models cut
/// short or forged, binary data, other encodings), and the one-field mutations of every shipped model
/// (<see cref="ModelMutations"/>).
/// </summary>
internal static partial class BrokenCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, BrokenCase>> All = new(() => Build().ToDictionary(c => c.Id));

    /// <summary>The cases by id.</summary>
    public static IReadOnlyDictionary<string, BrokenCase> Cases => All.Value;

    [GeneratedRegex(@"^line (\d+)$")]
    private static partial Regex LinePart();

    private static IEnumerable<BrokenCase> Build()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(BrokenFixtures.Root, "models"), "*.toml").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            string first = Encoding.UTF8.GetString(bytes).Split('\n')[0];
            if (!first.StartsWith("# expect:", StringComparison.Ordinal)) throw new InvalidDataException($"{file}: the first line must be '# expect: ...'");
            var parts = first["# expect:".Length..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            int? line = parts.Select(p => LinePart().Match(p)).Where(m => m.Success).Select(m => (int?)int.Parse(m.Groups[1].Value)).FirstOrDefault();
            yield return new BrokenCase("hand/" + Path.GetFileNameWithoutExtension(file), parts.Where(p => !LinePart().IsMatch(p)).ToArray(), line)
            {
                ModelFile = "case.toml",
                Write = (dir, _) => File.WriteAllBytes(Path.Combine(dir, "case.toml"), bytes),
            };
        }

        foreach (var c in NotModelFiles()) yield return c;

        int k = 0;
        foreach (var line in File.ReadLines(Path.Combine(BrokenFixtures.Root, "arguments.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var args = doc.RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();
            var expect = doc.RootElement.GetProperty("expect").EnumerateArray().Select(a => a.GetString()!).ToArray();
            yield return new BrokenCase($"args/{k++:D3} {string.Join(' ', args)}", expect) { Args = args };
        }

        foreach (var model in Directory.GetFiles(Path.Combine(RepoPaths.Root, "models"), "*.toml").Order(StringComparer.Ordinal))
            foreach (var c in ModelMutations.Of(Path.GetFileName(model), File.ReadAllText(model)))
                yield return c;
    }

    /// <summary>Files given as a model that are not model files: each must be named for what it is, in one message.</summary>
    private static IEnumerable<BrokenCase> NotModelFiles()
    {
        BrokenCase Model(string id, Action<string, BrokenFixtures> write, params string[] expect)
            => new("file/" + id, expect) { ModelFile = "case.toml", Write = (dir, f) => write(Path.Combine(dir, "case.toml"), f) };
        BrokenCase Saved(string id, Action<string, BrokenFixtures> write, params string[] expect)
            => new("file/" + id, expect) { ModelFile = "case.h5", RunOnly = true, Write = (dir, f) => write(Path.Combine(dir, "case.h5"), f) };

        yield return Model("empty", (p, _) => File.WriteAllBytes(p, []), "empty");
        yield return Model("results-h5-as-model", (p, f) => File.WriteAllBytes(p, f.Results), "HDF5 output");
        yield return Model("results-h5-cut-to-half", (p, f) => File.WriteAllBytes(p, f.Results[..(f.Results.Length / 2)]), "HDF5");
        yield return Model("results-h5-cut-to-100-bytes", (p, f) => File.WriteAllBytes(p, f.Results[..100]), "HDF5");
        yield return Model("hdf5-signature-only", (p, _) => File.WriteAllBytes(p, [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a]), "HDF5");
        yield return Model("foreign-hdf5", (p, _) => new H5File { ["data"] = new double[] { 1, 2, 3 } }.Write(p), "not written by spiking");
        yield return Model("random-bytes", (p, _) => File.WriteAllBytes(p, RandomBytes(4096, 1)), "case.toml");
        yield return Model("random-bytes-no-nul", (p, _) => File.WriteAllBytes(p, RandomBytes(4096, 2).Select(b => b == 0 ? (byte)0xC3 : b).ToArray()), "UTF-8");
        yield return Model("latin1-comment", (p, f) => File.WriteAllBytes(p, [.. Encoding.UTF8.GetBytes(f.ValidModel), .. "# caf\u00e9\n"u8.ToArray().Select(b => b == 0xC3 ? (byte)0xE9 : b).Where(b => b != 0xA9)]), "UTF-8", "line");
        yield return Model("utf16", (p, f) => File.WriteAllBytes(p, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(f.ValidModel)]), "UTF-16");
        yield return Model("nul-in-text", (p, f) => File.WriteAllText(p, f.ValidModel.Replace("size = 100", "size = 1\0")), "binary");
        yield return Model("png-header", (p, _) => File.WriteAllBytes(p, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "binary");
        yield return Model("gzip-bytes", (p, _) => File.WriteAllBytes(p, [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xcb, 0x48, 0xcd, 0xc9]), "case.toml");
        yield return Model("too-large-sparse", (p, _) => { using var s = File.Create(p); s.SetLength((64L << 20) + 1); }, "larger than");
        yield return Model("valid-model-cut-mid-string", (p, f) => File.WriteAllText(p, f.ValidModel[..f.ValidModel.IndexOf("lif_cuba", StringComparison.Ordinal)]), "line 8");
        yield return Model("valid-model-cut-mid-key", (p, f) => File.WriteAllText(p, f.ValidModel[..(f.ValidModel.IndexOf("connector", StringComparison.Ordinal) + 4)]), "line 16");

        // Data files a model reads: the movie of a bgG-RNN model (bgrnn.movie), missing, foreign or of the wrong shape.
        BrokenCase Movie(string id, string file, Action<string>? write, params string[] expect)
            => new("data/" + id, expect)
            {
                ModelFile = "case.toml",
                RunOnly = true, // validate reads the model file, not its data
                Write = (dir, _) =>
                {
                    File.WriteAllText(Path.Combine(dir, "case.toml"), File.ReadAllText(RepoPaths.Model("bgrnn-motion.toml")) + $"\n[bgrnn.movie]\nfile = \"{file}\"\n");
                    write?.Invoke(Path.Combine(dir, file));
                },
            };
        yield return Movie("movie-missing", "nosuch.h5", null, "nosuch.h5", "does not exist");
        yield return Movie("movie-is-text", "movie.h5", p => File.WriteAllText(p, "not a movie"), "movie.h5", "HDF5");
        yield return Movie("movie-without-dataset", "movie.h5", p => new H5File { ["frames"] = new double[] { 1, 2 } }.Write(p), "movie.h5", "/movie");
        yield return Movie("movie-one-dimensional", "movie.h5", p => new H5File { ["movie"] = new double[] { 1, 2, 3 } }.Write(p), "movie.h5", "shape");
        yield return Movie("movie-too-small", "movie.h5", p => new H5File { ["movie"] = new double[2, 4, 4] }.Write(p), "movie.h5", "at least");
        yield return Movie("movie-cut-short", "movie.h5", p =>
        {
            new H5File { ["movie"] = new double[20, 20, 20] }.Write(p);
            var bytes = File.ReadAllBytes(p);
            File.WriteAllBytes(p, bytes[..(bytes.Length / 3)]);
        }, "movie.h5");

        // Saved trained models given to run: cut short, forged, or from another model.
        yield return Saved("trained-cut-to-half", (p, f) => File.WriteAllBytes(p, f.Trained[..(f.Trained.Length / 2)]), "HDF5", "cannot be read");
        yield return Saved("trained-cut-to-2000-bytes", (p, f) => File.WriteAllBytes(p, f.Trained[..2000]), "HDF5");
        yield return Saved("trained-kind-only", (p, _) => new H5File { Attributes = { ["kind"] = "trained_model", ["software"] = "spiking" } }.Write(p), "saved trained model");
        yield return Saved("trained-bad-model-text", (p, f) => Forge(p, f, model: "[simulation\ndt = 1"), "syntax");
        yield return Saved("trained-model-text-of-other-network", (p, f) => Forge(p, f, model: f.ValidModel), "saved");
        yield return Saved("trained-seed-changed", (p, f) => Forge(p, f, seed: 7), "synapses");
        yield return Saved("trained-weights-cut", (p, f) => Forge(p, f, cutWeights: true), "synapses but");
        yield return Saved("trained-no-projections", (p, f) => Forge(p, f, dropProjections: true), "projections");
    }

    /// <summary>A saved trained model rewritten from the fixture's with one thing changed.</summary>
    private static void Forge(string path, BrokenFixtures f, string? model = null, ulong? seed = null, bool cutWeights = false, bool dropProjections = false)
    {
        string source = Path.ChangeExtension(path, ".source.h5");
        File.WriteAllBytes(source, f.Trained);
        var file = new H5File();
        using (var original = H5File.OpenRead(source))
        {
            foreach (var a in original.Attributes())
                file.Attributes[a.Name] = a.Name switch
                {
                    "model" when model is not null => model,
                    "seed" when seed is not null => seed.Value,
                    _ => a.Type.Class switch
                    {
                        H5DataTypeClass.FloatingPoint => a.Read<double>(),
                        H5DataTypeClass.FixedPoint => a.Read<ulong>(),
                        _ => (object)a.Read<string>(),
                    },
                };
            if (!dropProjections)
            {
                var projections = new H5Group();
                foreach (var link in original.Group("projections").Children())
                {
                    var g = (IH5Group)link;
                    var w = g.Dataset("w").Read<float[]>();
                    projections[link.Name] = new H5Group
                    {
                        ["pre"] = g.Dataset("pre").Read<uint[]>(),
                        ["post"] = g.Dataset("post").Read<uint[]>(),
                        ["w"] = cutWeights ? w[..(w.Length / 2)] : w,
                    };
                }
                file["projections"] = projections;
            }
            var readouts = new H5Group();
            foreach (var link in original.Group("readouts").Children())
                readouts[link.Name] = new H5Group { ["weights"] = ((IH5Group)link).Dataset("weights").Read<double[,]>() };
            file["readouts"] = readouts;
        }
        File.Delete(source);
        file.Write(path);
    }

    private static byte[] RandomBytes(int n, int seed)
    {
        var bytes = new byte[n];
        new System.Random(seed).NextBytes(bytes);
        return bytes;
    }
}
