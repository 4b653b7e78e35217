using Spiking.Inputs;

namespace Spiking.Build;

/// <summary>The inputs: name, target and neurons, then what each kind of input asks (<see cref="IInputKind.Check"/>).</summary>
internal static class InputChecks
{
    /// <summary>Checks every input in order.</summary>
    public static void Check(ValidationContext ctx)
    {
        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < ctx.Spec.Inputs.Count; k++)
        {
            var input = ctx.Spec.Inputs[k];
            string at = $"inputs[{k}]";
            if (string.IsNullOrWhiteSpace(input.Name)) ctx.Err($"{at}.name", "must not be empty");
            else if (!inputNames.Add(input.Name)) ctx.Err($"{at}.name", $"input '{input.Name}' is defined twice");
            if (!ctx.Populations.TryGetValue(input.Target, out var target))
            {
                ctx.Err($"{at}.target", $"no population named '{input.Target}'; populations: {ctx.PopulationNames}");
                continue;
            }
            ValueChecks.CheckNeurons(ctx, input.Neurons, target.Spec.Size, $"{at}.neurons");
            // A record of no registered kind has nothing to check here; resolving it says no engine runs it.
            if (!InputRegistry.TryGet(input, out var kind)) continue;
            kind.Check(input, new InputCheck(ctx.Spec, input, target.Spec, target.Model, ctx.DtOk, at,
                ctx.Err, (neurons, size, path) => ValueChecks.CheckNeurons(ctx, neurons, size, path)));
        }
    }
}
