using Spiking.Description;
using Spiking.Models;

namespace Spiking.Plasticity;

/// <summary>
/// Implemented by a learning rule that needs more of its projection than spiking or rate activity
/// (<see cref="IPlasticityRule.Activity"/>): a particular kind of post model, a constant delay. The
/// validator asks it once per projection that uses the rule, with the models it joins, instead of
/// checking the models against <see cref="IPlasticityRule.Activity"/> itself.
/// </summary>
public interface IProjectionRequirements
{
    /// <summary>
    /// One (field, message) per problem; field is relative to the projection (<c>plasticity.rule</c>,
    /// <c>delay</c>).
    /// </summary>
    IEnumerable<(string Field, string Message)> Check(ProjectionSpec projection, INeuronModel pre, INeuronModel post);
}
