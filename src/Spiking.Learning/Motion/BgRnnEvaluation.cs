namespace Spiking.Motion;

/// <summary>Scores of a bgG-RNN on held-out sequences, filtered frame by frame.</summary>
/// <param name="SequencesSeen">Training sequences seen when it was measured.</param>
/// <param name="LogEvidencePerFrame">Mean over frames of log p(y, ĥ | past) with amplitudes integrated out (<see cref="BgRnnLikelihood.FrameLogEvidence"/>), nats per frame.</param>
/// <param name="LogJointPerFrame">Mean over frames of log p(y, x̂, ĥ | past) (<see cref="BgRnnLikelihood.FrameLogJoint"/>), nats per frame.</param>
/// <param name="GateLogPriorPerFrame">Mean over frames of the gates' log prior probability, the part R can improve, nats per frame.</param>
/// <param name="ActivePerFrame">Mean number of active units per frame.</param>
/// <param name="RelativeResidual">‖y − Wŝ‖² / ‖y‖² over all frames.</param>
public sealed record BgRnnEvaluation(int SequencesSeen, double LogEvidencePerFrame, double LogJointPerFrame, double GateLogPriorPerFrame, double ActivePerFrame, double RelativeResidual);
