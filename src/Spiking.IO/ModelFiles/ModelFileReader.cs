using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.IO.Toml;
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
    /// <exception cref="SpecException">The file is not a valid model; every problem is listed with its line
    /// (or, for a file that is not TOML text at all, one problem at <see cref="ModelText.WholeFile"/>).</exception>
    public static NetworkSpec Read(string path, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ModelText.Read(path), path, variant);
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
            throw new SpecException([FirstSyntaxError(doc)], sourceName);
        }

        var tomlErrors = new List<ValidationError>();
        var root = TomlTree.Build(doc, tomlErrors);
        if (tomlErrors.Count > 0)
            throw new SpecException(tomlErrors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);

        var ctx = new ReadContext();
        var spec = SpecReader.Read(ctx, root, variant) with { SourceText = text, SourceName = sourceName };
        if (spec.Populations.Count == 0 && ctx.Errors.Count == 0)
            ctx.Error("populations", null, "a model needs at least one population: add a [[populations]] table with name, model and size");

        var errors = new List<ValidationError>(ctx.Errors);
        foreach (var e in NetworkValidator.Validate(spec))
        {
            if (ctx.IsFlagged(e.Path)) continue; // already reported, more precisely, while reading
            errors.Add(e with { Line = e.Line ?? ctx.LineOf(e.Path) });
        }
        if (errors.Count > 0)
            throw new SpecException(errors.OrderBy(e => e.Line ?? int.MaxValue).ToList(), sourceName);
        return spec;
    }

    /// <summary>
    /// The problems of every variant of a valid model file other than the one it was read with: a
    /// variant that names a projection that does not exist, or sets a value that is out of range, makes
    /// the file broken even while the variant is not chosen. Each message says which variant.
    /// </summary>
    /// <param name="text">The whole TOML text (already read without errors with <paramref name="readWith"/>).</param>
    /// <param name="sourceName">Name used in messages.</param>
    /// <param name="readWith">The variant it was read with (null: the file's default), which is not checked again.</param>
    public static IReadOnlyList<ValidationError> CheckVariants(string text, string sourceName, string? readWith)
    {
        var doc = SyntaxParser.Parse(text, sourceName, validate: false);
        if (doc.HasErrors) return [];
        var root = TomlTree.Build(doc, []);
        if (root.Find("variants")?.Value is not TTable variants) return [];
        string? fileDefault = root.Find("variant")?.Value is TScalar { Value: string d } ? d : null;
        var errors = new List<ValidationError>();
        foreach (var name in variants.Entries.Select(e => e.Key))
        {
            if (name == (readWith ?? fileDefault)) continue;
            try
            {
                Parse(text, sourceName, name);
            }
            catch (SpecException e)
            {
                errors.AddRange(e.Errors.Select(x => x with { Message = $"with --variant {name}: {x.Message}" }));
            }
        }
        return errors;
    }

    /// <summary>
    /// The first syntax error, the one to fix: after it the parser is out of step with the file and what
    /// it reports next follows from it. A token of thousands of characters is shortened.
    /// </summary>
    private static ValidationError FirstSyntaxError(DocumentSyntax doc)
    {
        var errors = doc.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).OrderBy(d => d.Span.Start.Offset).ToList();
        var first = errors[0];
        string message = first.Message.Length > 200 ? first.Message[..200] + "..." : first.Message;
        string more = errors.Count > 1 ? $" ({errors.Count - 1} more syntax error{(errors.Count == 2 ? "" : "s")} after it, likely caused by it)" : "";
        return new ValidationError("toml", "syntax error: " + message + more) { Line = first.Span.Start.Line + 1 };
    }
}
