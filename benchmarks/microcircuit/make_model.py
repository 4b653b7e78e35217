#!/usr/bin/env python3
"""Writes models/microcircuit.toml: the Potjans & Diesmann (2014) cortical microcircuit.

Sources of the numbers (facts, not code): Potjans TC & Diesmann M (2014), "The cell-type specific
cortical microcircuit", Cereb Cortex 24:785-806, Tables 4-5; the parameter file of NEST's
PyNEST example of the model (Rothe, Bos & van Albada 2016, network_params.py), which gives the same
table with the connection probabilities to 4 decimals, K_ext, PSP 0.15 mV, g = -4, the doubled
L4e -> L2/3e weight, delays 1.5 / 0.75 ms with 50 % relative sd, and the full-scale rates it
measured. Run with any python3 (standard library only):

    python3 benchmarks/microcircuit/make_model.py > models/microcircuit.toml
"""
import math

pops = ["L23e", "L23i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"]
n_full = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
# conn_probs[target][source]
conn = [
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
    [0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0],
    [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
    [0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443],
]
k_ext = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100]
bg_rate = 8.0          # Hz per external source
psp_e = 0.15           # mV, mean PSP amplitude of an excitatory synapse
g = -4.0               # relative inhibitory strength
psp_rel_sd = 0.1
c_m, tau_m, tau_s = 250.0, 10.0, 0.5   # pF, ms, ms
d_exc, d_inh, d_rel_sd = 1.5, 0.75, 0.5  # ms
dt = 0.1


def psc_for_psp(psp):
    """Amplitude (pA) of an exponential current (tau_s) whose PSP on C dv/dt = -C v/tau_m + I peaks at psp (mV)."""
    # v(t) = I0/C * tau_m tau_s/(tau_m - tau_s) * (exp(-t/tau_m) - exp(-t/tau_s)); peak where dv/dt = 0.
    t_peak = math.log(tau_m / tau_s) * tau_m * tau_s / (tau_m - tau_s)
    unit = 1.0 / c_m * tau_m * tau_s / (tau_m - tau_s) * (math.exp(-t_peak / tau_m) - math.exp(-t_peak / tau_s))
    return psp / unit  # pA (mV / (ms/pF) ... = pA since pA*ms/pF = mV)


w_psc = psc_for_psp(psp_e)            # pA
r_m = tau_m / c_m * 1e3               # MOhm (ms/pF = GOhm)
w_mv = w_psc * 1e-3 * r_m             # lif_cuba's currents are R_m * I in mV (nA * MOhm = mV)


def synapses(target, source):
    """Total synapse count of PD14 eq. 1: log(1 - C) / log(1 - 1/(N_pre N_post)), multapses allowed."""
    c = conn[target][source]
    if c == 0:
        return 0
    prod = n_full[source] * n_full[target]
    return int(round(math.log(1.0 - c) / math.log((prod - 1.0) / prod)))


out = []
w = out.append
w("# The cortical microcircuit of Potjans & Diesmann (2014, Cereb Cortex 24:785), 1 mm^2 of early")
w("# sensory cortex: 8 populations (excitatory and inhibitory in L2/3, L4, L5, L6), 77,169 current-based")
w("# LIF neurons (NEST iaf_psc_exp = lif_cuba) and about 0.3 billion synapses, Poisson background at")
w("# 8 Hz per external source. Written by benchmarks/microcircuit/make_model.py from the paper's Tables")
w("# 4-5 and NEST's parameter file of the model (see the script for the sources); do not edit by hand.")
w("#")
w("# Published full-scale rates (Hz): L2/3e 0.9, L2/3i 2.8, L4e 4.4, L4i 5.8, L5e 7.6, L5i 8.7, L6e 1.1,")
w("# L6i 7.7 (PD14 Fig. 6; the issue's anchors). Measured with Spiking: benchmarks/RESULTS.md.")
w("#")
w("# Full scale (77k neurons, 6.2 GiB peak):  spiking run models/microcircuit.toml")
w("# At reduced scale, in-degrees kept (no weight or DC compensation needed):")
w("#                                          spiking run models/microcircuit.toml --scale 0.1")
w("# DC background instead of Poisson:        --variant dc")
w("# Rates after the 500 ms transient:        spiking info microcircuit.h5 --from 500ms")
w("")
w("variant = \"poisson\"")
w("")
w("[simulation]")
w(f"dt = \"{dt} ms\"")
w("duration = \"1500 ms\"      # the PD14 benchmark protocol discards the first 500 ms")
w("seed = 1")
w("")
for i, name in enumerate(pops):
    w("[[populations]]")
    w(f"name = \"{name}\"")
    w("model = \"lif_cuba\"")
    w(f"size = {n_full[i]}")
    w("[populations.parameters]")
    w(f"tau_m = \"{tau_m} ms\"")
    w(f"R_m = \"{r_m:g} MOhm\"           # tau_m / C_m, C_m = {c_m:g} pF")
    w("E_L = \"-65 mV\"")
    w("V_th = \"-50 mV\"")
    w("V_reset = \"-65 mV\"")
    w("t_ref = \"2 ms\"")
    w(f"tau_syn_ex = \"{tau_s} ms\"")
    w(f"tau_syn_in = \"{tau_s} ms\"")
    w("[populations.initial]")
    w("v = { normal = [\"-58 mV\", \"10 mV\"] }")
    w("")

w(f"# Weights: PSP {psp_e} mV <=> PSC {w_psc:.4f} pA <=> R_m*I = {w_mv:.6f} mV; inhibitory g = {g:g} times that;")
w("# L4e -> L2/3e doubled; normal with 10 % relative sd, clipped at 0 by sign. Delays: normal, redrawn below dt.")
total = 0
for t in range(8):
    for s in range(8):
        n = synapses(t, s)
        if n == 0:
            continue
        total += n
        exc = s % 2 == 0
        mean = w_mv * (1 if exc else g) * (2 if (t == 0 and s == 2) else 1)
        d = d_exc if exc else d_inh
        w("[[projections]]")
        w(f"name = \"{pops[s]}_{pops[t]}\"")
        w(f"pre = \"{pops[s]}\"")
        w(f"post = \"{pops[t]}\"")
        w(f"receptor = \"{'exc' if exc else 'inh'}\"")
        w(f"connector = {{ kind = \"fixed_total_number\", n = {n}, allow_autapses = false }}   # C = {conn[t][s]}")
        w(f"weight = {{ normal = [\"{mean:.6f} mV\", \"{abs(mean) * psp_rel_sd:.6f} mV\"] }}")
        w(f"delay = {{ normal = [\"{d} ms\", \"{d * d_rel_sd} ms\"], min = \"{dt} ms\" }}")
        w(f"sign = \"{'excitatory' if exc else 'inhibitory'}\"")
        w("")
w(f"# {total} synapses in all at full scale.")
w("")
for i, name in enumerate(pops):
    dc_na = k_ext[i] * bg_rate * w_psc * 1e-3 * tau_s * 1e-3   # nA: K_ext * rate * w * tau_syn
    w("[[inputs]]")
    w(f"name = \"bg_{name}\"")
    w("kind = \"poisson\"")
    w(f"target = \"{name}\"")
    w("receptor = \"exc\"")
    w(f"rate = \"{bg_rate} Hz\"")
    w(f"count = {k_ext[i]}                # K_ext external sources per neuron")
    w(f"weight = \"{w_mv:.6f} mV\"")
    w("")
    w("[[inputs]]")
    w(f"name = \"dc_{name}\"")
    w("kind = \"current\"")
    w(f"target = \"{name}\"")
    w("amplitude = \"0 nA\"          # the dc variant sets K_ext * 8 Hz * PSC * tau_syn")
    w("")

for name in pops:
    w("[[monitors]]")
    w("kind = \"spikes\"")
    w(f"population = \"{name}\"")
    w("")

w("[variants.poisson]           # Poisson background (the default)")
w("[variants.dc]                # the background replaced by its mean current (PD14's DC variant)")
for i, name in enumerate(pops):
    dc_na = k_ext[i] * bg_rate * w_psc * 1e-3 * tau_s * 1e-3
    w(f"\"inputs.bg_{name}.rate\" = \"0 Hz\"")
    w(f"\"inputs.dc_{name}.amplitude\" = \"{dc_na:.6f} nA\"")
print("\n".join(out))
