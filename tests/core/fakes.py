"""Shared test doubles for the attacks (HOUSE_STYLE 2: cancellation tested with no threads)."""

import torch


class CancelAfter:
    """A fake GUI state that records progress reports and asks to stop after ``n`` of them."""

    def __init__(self, n):
        self.n, self.calls = n, []

    def progress(self, step, total, partial=None):
        assert isinstance(partial, dict) and "adversarial" in partial
        self.calls.append((step, total))

    def cancelled(self):
        return len(self.calls) >= self.n


def predict_labels(model, x):
    """The model's own labels for a batch (the untargeted attacks' starting labels)."""
    with torch.no_grad():
        return model(x).argmax(1)
