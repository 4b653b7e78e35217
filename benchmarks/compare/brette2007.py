"""The two Brette et al. (2007) benchmark networks in Brian2, shared by the reference and comparison
scripts so that every Brian2 figure in this folder comes from one definition.

Brette et al. 2007, "Simulation of networks of spiking neurons: a review of tools and strategies",
J Comput Neurosci 23:349-398: benchmark 1 (COBA, conductance-based LIF) and benchmark 2 (CUBA,
current-based LIF, as Brian2's examples/CUBA.py). 80 % excitatory neurons (the first ones); each
(pre, post) pair connected with probability p, autapses allowed; no synaptic delay.
"""
from brian2 import NeuronGroup, Synapses, ms, mV, pF, nS

EXC_FRACTION = 0.8


def build(model, n=4000, p=0.02):
    """Returns (neuron group, [excitatory synapses, inhibitory synapses], namespace)."""
    ne = int(round(EXC_FRACTION * n))
    if model == "cuba":
        ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV,
                  we=(60 * 0.27 / 10) * mV,   # 1.62 mV
                  wi=(-20 * 4.5 / 10) * mV)   # -9 mV
        eqs = """
        dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
        dge/dt = -ge/taue : volt
        dgi/dt = -gi/taui : volt
        """
        P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                        method="exact", name="neurons")
        Vr, Vt = ns["Vr"], ns["Vt"]  # the initial-value string is resolved in this frame
        P.v = "Vr + rand() * (Vt - Vr)"
        P.ge = 0 * mV
        P.gi = 0 * mV
    elif model == "coba":
        ns = dict(Cm=200 * pF, gL=10 * nS,      # taum = Cm / gL = 20 ms
                  El=-60 * mV, Vt=-50 * mV, Vr=-60 * mV, Ee=0 * mV, Ei=-80 * mV,
                  taue=5 * ms, taui=10 * ms, we=6 * nS, wi=67 * nS)
        eqs = """
        dv/dt  = (gL*(El-v) + ge*(Ee-v) + gi*(Ei-v))/Cm : volt (unless refractory)
        dge/dt = -ge/taue : siemens
        dgi/dt = -gi/taui : siemens
        """
        P = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms,
                        method="exponential_euler", name="neurons")
        Vr, Vt = ns["Vr"], ns["Vt"]  # the initial-value string is resolved in this frame
        P.v = "Vr + rand() * (Vt - Vr)"
        P.ge = "(randn() * 1.5 + 4) * 10*nS"
        P.gi = "(randn() * 12 + 20) * 10*nS"
    else:
        raise ValueError("unknown model %r (cuba or coba)" % model)
    Ce = Synapses(P, P, on_pre="ge += we", name="syn_exc")
    Ci = Synapses(P, P, on_pre="gi += wi", name="syn_inh")
    Ce.connect("i<%d" % ne, p=p)
    Ci.connect("i>=%d" % ne, p=p)
    return P, [Ce, Ci], ns
