using Spiking.Engine;

namespace Spiking.Plasticity;

/// <summary>
/// Shared step of the rate-mode rules (Hebbian, Oja, BCM): once per step, after propagation, every
/// synapse j → i changes by the rule's Δw(pre = r_j, post = r_i, w), where r are the outputs both
/// populations hold after this step's update. η is per step (rate networks count steps, not ms).
/// Rows of units whose output is 0 are skipped (Δw is 0 there for all three rules).
/// </summary>
internal abstract class RateRuleRuntime(ProjectionState projection, PlasticitySettings settings, double dt)
    : PlasticityRuntime(projection, settings, dt)
{
    protected abstract double Change(double pre, double post, double w, int postIndex);

    protected virtual void AfterWeights(double[] postOut)
    {
    }

    protected internal override void AfterPropagation(long step)
    {
        var preOut = Projection.Pre.Group.Output!; var postOut = Projection.Post.Group.Output!;
        var rowStart = Projection.Synapses.RowStart; var target = Projection.Synapses.Target;
        for (int j = 0; j < preOut.Length; j++)
        {
            double x = preOut[j];
            if (x == 0) continue;
            for (int s = (int)rowStart[j], e = (int)rowStart[j + 1]; s < e; s++)
            {
                int i = target[s];
                Store(s, Weights[s] + Change(x, postOut[i], Weights[s], i));
            }
        }
        AfterWeights(postOut);
    }
}
