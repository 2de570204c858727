"""Shared test doubles for the attacks (HOUSE_STYLE 2: cancellation tested with no threads)."""

import torch


class CancelAfter:
    """A fake GUI state that records progress reports and asks to stop after ``n`` of them.

    It checks the progress contract: ``partial`` is None or a dict with "adversarial", a
    detached CPU float tensor (N, 3, H, W) in [0, 1], and "success", a CPU bool tensor (N,).
    """

    def __init__(self, n):
        self.n, self.calls, self.partials = n, [], []

    def progress(self, step, total, partial=None):
        if partial is not None:
            adversarial, success = partial["adversarial"], partial["success"]
            assert adversarial.device.type == "cpu" and adversarial.dtype == torch.float32
            assert adversarial.dim() == 4 and not adversarial.requires_grad
            assert adversarial.min() >= 0 and adversarial.max() <= 1
            assert success.dtype == torch.bool and success.shape == adversarial.shape[:1]
            assert success.device.type == "cpu"
            self.partials.append((step, partial))
        self.calls.append((step, total))

    def cancelled(self):
        return len(self.calls) >= self.n


def predict_labels(model, x):
    """The model's own labels for a batch (the untargeted attacks' starting labels)."""
    with torch.no_grad():
        return model(x).argmax(1)


def check_playback(result, model=None, starts_clean=None):
    """The playback contract every AttackResult keeps (see `AttackResult`).

    frames: at most 60, (step, uint8 CPU (N, 3, H, W)), step 0 first, increasing, the
    returned images last. trajectory: at most 200 entries with increasing steps, per-image
    probabilities; the last entry's are those of the returned images (given ``model``).
    ``starts_clean``: the clean images, which the first frame must show.
    """
    from advlab.core.attacks import MAX_ENTRIES, MAX_FRAMES, to_frame

    n = result.adversarial.shape[0]
    frames, trajectory = result.frames, result.trajectory
    assert 2 <= len(frames) <= MAX_FRAMES or (len(frames) == 1 and frames[0][0] == 0)
    steps = [step for step, _ in frames]
    assert steps[0] == 0 and steps == sorted(set(steps)), steps
    for _, images in frames:
        assert images.dtype == torch.uint8 and images.device.type == "cpu"
        assert images.shape == result.adversarial.shape
    assert torch.equal(frames[-1][1], to_frame(result.adversarial))
    if starts_clean is not None:
        assert torch.equal(frames[0][1], to_frame(starts_clean))
    assert 1 <= len(trajectory) <= MAX_ENTRIES
    entry_steps = [e["step"] for e in trajectory]
    assert entry_steps[0] == 0 and entry_steps == sorted(set(entry_steps)), entry_steps
    assert entry_steps[-1] == steps[-1]
    for e in trajectory:
        assert len(e["true_prob"]) == n and all(0 <= p <= 1 for p in e["true_prob"])
        targeted = result.targets is not None
        assert (e["target_prob"] is not None) == targeted
        if targeted:
            assert len(e["target_prob"]) == n and all(0 <= p <= 1 for p in e["target_prob"])
    if model is not None:
        with torch.no_grad():
            probs = torch.softmax(model(result.adversarial), dim=1)
        true = probs.gather(1, result.labels[:, None].cpu())[:, 0]
        assert torch.allclose(torch.tensor(trajectory[-1]["true_prob"]), true, atol=1e-4)
        if result.targets is not None:
            target = probs.gather(1, result.targets[:, None].cpu())[:, 0]
            assert torch.allclose(torch.tensor(trajectory[-1]["target_prob"]), target, atol=1e-4)
